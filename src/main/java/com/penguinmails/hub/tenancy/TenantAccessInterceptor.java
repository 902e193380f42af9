package com.penguinmails.hub.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import com.penguinmails.hub.platform.auth.ApiKeyCaller;
import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.internal.TenantAccessResolver;

/**
 * Runs before every handler whose path names a {@code {tenantId}}: resolves the user's access,
 * answers 404 for a tenant they cannot reach (for an API key: any tenant but its own), keeps viewers
 * and visiting staff from changing anything, and binds the tenant to every transaction of the
 * request. Scopes of API keys are checked before, by {@link ScopeInterceptor}.
 */
class TenantAccessInterceptor implements HandlerInterceptor {

    private static final String BINDING = TenantAccessInterceptor.class.getName() + ".binding";

    private final TenantAccessResolver resolver;

    TenantAccessInterceptor(TenantAccessResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Optional<UUID> tenantId = tenantIdOf(request);
        if (tenantId.isEmpty()) {
            return true;
        }
        Optional<ApiKeyCaller> key = ApiKeyCaller.current();
        if (key.isPresent()) {
            if (!key.get().tenantId().equals(tenantId.get())) {
                throw ApiProblem.notFound("tenant_not_found", "No such tenant");
            }
            bind(request, TenantAccess.forApiKey(key.get()));
            return true;
        }
        CurrentUser user = CurrentUser.require();
        TenantAccess access = resolver.resolve(tenantId.get(), user, request.getMethod(), request.getRequestURI(),
                        request.getRemoteAddr())
                .orElseThrow(() -> ApiProblem.notFound("tenant_not_found", "No such tenant"));
        if (!isSafe(request.getMethod())) {
            if (access.staffVisit()) {
                throw ApiProblem.forbidden("staff_read_only", "Staff may read this tenant but not change it");
            }
            if (!access.role().orElseThrow().canWrite() && !isPersonal(request, tenantId.get())) {
                throw ApiProblem.forbidden("insufficient_role", "Your role in this tenant does not allow changes");
            }
        }
        bind(request, access);
        return true;
    }

    private static void bind(HttpServletRequest request, TenantAccess access) {
        TenantAccess.set(access);
        request.setAttribute(BINDING, TenantScope.bindTenant(access.tenantId()));
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getAttribute(BINDING) instanceof TenantScope.Binding binding) {
            binding.close();
            request.removeAttribute(BINDING);
        }
        TenantAccess.clear();
    }

    @SuppressWarnings("unchecked")
    static Optional<UUID> tenantIdOf(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(variables instanceof Map<?, ?> map) || !(map.get("tenantId") instanceof String raw)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty(); // the handler's own conversion answers 400
        }
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** The user's own settings inside a tenant ({@code /api/v1/tenants/{id}/me/...}) are theirs to change. */
    private static boolean isPersonal(HttpServletRequest request, UUID tenantId) {
        return request.getRequestURI().startsWith("/api/v1/tenants/" + tenantId + "/me/");
    }
}
