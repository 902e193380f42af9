package com.penguinmails.hub.integration;

import java.time.Instant;
import java.util.UUID;

/** Published in the transaction that changed an integration's status. */
public record IntegrationStatusChanged(UUID tenantId, UUID integrationId, String provider, IntegrationStatus from,
                                       IntegrationStatus to, StatusChanger changedBy, String reason, Instant at) {
}
