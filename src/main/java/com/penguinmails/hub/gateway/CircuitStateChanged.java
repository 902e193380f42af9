package com.penguinmails.hub.gateway;

import java.time.Instant;
import java.util.UUID;

/** Published when an integration's circuit breaker moves between closed, open and half_open. */
public record CircuitStateChanged(UUID tenantId, UUID integrationId, String provider, String from, String to,
                                  Instant at) {
}
