package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

record Tenant(UUID id, String name, String domain, Map<String, Object> settings, String status,
              Instant createdAt, Instant updatedAt) {
}
