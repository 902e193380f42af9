package com.penguinmails.hub.tenancy;

import java.util.Optional;
import java.util.UUID;

/** Who belongs to a tenant, for modules that serve users outside {@code /api/v1/tenants/{tenantId}/}. */
public interface TenantMembers {

    /** The user's role in the tenant, or empty when the user is not a member (or the tenant does not exist). */
    Optional<TenantRole> roleOf(UUID tenantId, UUID userId);

    /** A member to notify: name and address. */
    record Contact(UUID userId, String name, String email) {
    }

    /**
     * The tenant's owners and admins (who hear about its alerts); may be called inside a transaction
     * scoped to the tenant, which it joins.
     */
    java.util.List<Contact> administrators(UUID tenantId);
}
