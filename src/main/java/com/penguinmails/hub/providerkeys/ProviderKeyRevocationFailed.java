package com.penguinmails.hub.providerkeys;

import java.time.Instant;
import java.util.UUID;

/** Revoking a retired key kept failing; it stays retiring and an operator must look. */
public record ProviderKeyRevocationFailed(UUID tenantId, UUID integrationId, UUID keyId, String provider,
                                          String reason, int attempts, Instant at) {
}
