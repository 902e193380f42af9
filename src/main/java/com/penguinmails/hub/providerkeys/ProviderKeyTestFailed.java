package com.penguinmails.hub.providerkeys;

import java.time.Instant;
import java.util.UUID;

/** A candidate key failed its provider test; the old key stays in place. Monitoring raises an alert. */
public record ProviderKeyTestFailed(UUID tenantId, UUID integrationId, String provider, String field, String reason,
                                    Instant at) {
}
