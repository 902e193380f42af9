package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.penguinmails.hub.tenancy.TenantRole;

/** A user's membership in a tenant, joined with the tenant's name for listings. */
record Membership(UUID tenantId, String tenantName, UUID userId, String email, String userName,
                  List<TenantRole> roles, Instant createdAt, Instant updatedAt) {

    TenantRole role() {
        return TenantRole.strongest(roles);
    }
}
