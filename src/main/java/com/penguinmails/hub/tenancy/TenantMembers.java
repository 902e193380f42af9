package com.penguinmails.hub.tenancy;

import java.util.Optional;
import java.util.UUID;

/** Who belongs to a tenant, for modules that serve users outside {@code /api/v1/tenants/{tenantId}/}. */
public interface TenantMembers {

    /** The user's role in the tenant, or empty when the user is not a member (or the tenant does not exist). */
    Optional<TenantRole> roleOf(UUID tenantId, UUID userId);

    /** The email addresses of the tenant's members whose strongest role is one of {@code roles} (e.g. its billing contacts). */
    java.util.List<String> emailsOf(UUID tenantId, java.util.Set<TenantRole> roles);
}
