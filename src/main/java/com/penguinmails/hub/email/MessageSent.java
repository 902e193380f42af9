package com.penguinmails.hub.email;

import java.util.UUID;

/** A provider accepted a message; published in the transaction that recorded it (analytics, webhooks). */
public record MessageSent(UUID tenantId, UUID messageId, UUID integrationId, String provider, String providerMessageId,
                          String campaignId, int recipients, boolean failover) {
}
