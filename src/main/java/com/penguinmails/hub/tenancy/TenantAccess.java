package com.penguinmails.hub.tenancy;

import java.util.Optional;
import java.util.UUID;

import com.penguinmails.hub.platform.auth.ApiKeyCaller;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * How the signed-in user reaches the tenant named in a {@code /api/v1/tenants/{tenantId}/...}
 * request: as a member with a role, or as PenguinMails staff without membership (read-only and
 * audited), or as a tenant API key ({@code userId} null, no role: the handler's
 * {@link com.penguinmails.hub.platform.auth.RequiredScope}, checked before the handler runs, is its
 * permission, so the role checks below pass for it). Set for the request by the tenancy module
 * before any controller runs; the tenant is then also bound to every transaction of the request.
 */
public record TenantAccess(UUID tenantId, UUID userId, Optional<TenantRole> role, boolean staffVisit) {

    private static final ThreadLocal<TenantAccess> CURRENT = new ThreadLocal<>();

    public static Optional<TenantAccess> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static TenantAccess require() {
        return current().orElseThrow(() -> ApiProblem.notFound("tenant_not_found", "No such tenant"));
    }

    /** Refuses unless the user is a member whose role may change the tenant's data (or an API key). */
    public TenantAccess requireWrite() {
        if (role.map(TenantRole::canWrite).orElse(false) || viaApiKey()) {
            return this;
        }
        throw ApiProblem.forbidden("insufficient_role", "Your role in this tenant does not allow changes");
    }

    /** Refuses unless the user is an owner or admin of the tenant (or an API key). */
    public TenantAccess requireAdmin() {
        if (role.map(TenantRole::canAdminister).orElse(false) || viaApiKey()) {
            return this;
        }
        throw ApiProblem.forbidden("insufficient_role", "Only the tenant's owners and admins may do this");
    }

    /**
     * Refuses a signed-in user whose email address is not verified ({@code 403 email_not_verified});
     * API keys pass (only verified users create them).
     */
    public TenantAccess requireVerifiedEmail() {
        if (userId != null) {
            CurrentUser.get().filter(user -> user.id().equals(userId)).ifPresent(CurrentUser::requireVerifiedEmail);
        }
        return this;
    }

    public boolean isMember() {
        return role.isPresent();
    }

    /** The API key this access comes from, when the request was authenticated by one. */
    public Optional<ApiKeyCaller> apiKey() {
        return userId == null ? ApiKeyCaller.current().filter(key -> key.tenantId().equals(tenantId))
                : Optional.empty();
    }

    public boolean viaApiKey() {
        return apiKey().isPresent();
    }

    static TenantAccess forApiKey(ApiKeyCaller key) {
        return new TenantAccess(key.tenantId(), null, Optional.empty(), false);
    }

    static void set(TenantAccess access) {
        CURRENT.set(access);
    }

    static void clear() {
        CURRENT.remove();
    }
}
