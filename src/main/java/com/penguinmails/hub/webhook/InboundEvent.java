package com.penguinmails.hub.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored inbound event handed to a processor. {@code tenantId} is the integration's tenant, or
 * {@link #PLATFORM_TENANT} for events of the platform's own provider accounts (the processor then
 * finds the tenant from the event itself).
 */
public record InboundEvent(UUID tenantId, UUID id, String provider, UUID integrationId, String type,
                           String dedupKey, Instant occurredAt, Instant receivedAt, String payloadJson, int attempt) {

    /** The pseudo-tenant that owns events received on the platform's own provider accounts. */
    public static final UUID PLATFORM_TENANT = new UUID(0, 0);
}
