package com.penguinmails.hub.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who belongs to a tenant, for modules that serve users outside {@code /api/v1/tenants/{tenantId}/}. */
public interface TenantMembers {

    /** The user's role in the tenant, or empty when the user is not a member (or the tenant does not exist). */
    Optional<TenantRole> roleOf(UUID tenantId, UUID userId);

    /**
     * The addresses of the tenant's owners and admins, oldest membership first: whom the hub
     * notifies about the tenant's integrations, billing and endpoints. Empty for an unknown tenant.
     */
    List<String> adminEmails(UUID tenantId);
}
