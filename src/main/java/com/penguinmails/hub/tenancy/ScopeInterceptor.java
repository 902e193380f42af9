package com.penguinmails.hub.tenancy;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.penguinmails.hub.platform.auth.ApiKeyCaller;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Default deny for API keys, before any handler under {@code /api/} runs. A key reaches only paths
 * under its own tenant ({@code /api/v1/tenants/{tenantId}/...}; another tenant is 404, anything else
 * 403), and only handlers that declare a {@link RequiredScope} it holds (403
 * {@code insufficient_scope} otherwise). Session users pass untouched.
 */
class ScopeInterceptor implements HandlerInterceptor {

    private static final String TENANT_PATHS = "/api/v1/tenants/";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Optional<ApiKeyCaller> key = ApiKeyCaller.current();
        if (key.isEmpty() || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<UUID> tenantId = TenantAccessInterceptor.tenantIdOf(request);
        if (tenantId.isEmpty() || !request.getRequestURI().startsWith(TENANT_PATHS)) {
            throw ApiProblem.forbidden("insufficient_scope",
                    "API keys may only call their own tenant's endpoints under /api/v1/tenants/{tenantId}/");
        }
        if (!tenantId.get().equals(key.get().tenantId())) {
            throw ApiProblem.notFound("tenant_not_found", "No such tenant");
        }
        RequiredScope required = requiredScope(method);
        if (required == null) {
            throw ApiProblem.forbidden("insufficient_scope", "This endpoint does not accept API keys; sign in instead");
        }
        if (!key.get().has(required.value())) {
            throw ApiProblem.forbidden("insufficient_scope", "This API key lacks the scope " + required.value().value())
                    .with("requiredScope", required.value().value());
        }
        return true;
    }

    static RequiredScope requiredScope(HandlerMethod method) {
        RequiredScope onMethod = method.getMethodAnnotation(RequiredScope.class);
        return onMethod != null ? onMethod : method.getBeanType().getAnnotation(RequiredScope.class);
    }
}
