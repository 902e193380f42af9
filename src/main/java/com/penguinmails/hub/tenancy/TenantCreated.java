package com.penguinmails.hub.tenancy;

import java.util.UUID;

/** A tenant was created; its creator is its first owner. */
public record TenantCreated(UUID tenantId, String name, UUID ownerId) {
}
