package com.penguinmails.hub.gateway;

import java.time.Instant;
import java.util.UUID;

/**
 * Published in the transaction that recorded a provider failure in {@code integration_errors};
 * {@code notifyAdmins} is set for API errors of integrations that ask for it (the monitoring module
 * turns those into alerts).
 */
public record IntegrationErrorRecorded(UUID tenantId, UUID integrationId, String provider, String operation,
                                       IntegrationError error, int attempts, boolean notifyAdmins, Instant at) {
}
