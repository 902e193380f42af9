package com.penguinmails.hub.email;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One provider event in the hub's terms. It is matched to the stored message by the hub's own
 * message id when the provider echoes the variables the hub attached, else by the provider's
 * message id, else by the campaign id and recipient id the hub attached (with the recipient's address).
 *
 * @param bounceKind {@code hard} or {@code soft} for bounces, else null
 * @param details    non-secret provider details (reason, SMTP code, URL clicked, …)
 */
public record EmailEvent(String provider, String providerEventId, EmailEventType type, String bounceKind,
                         String recipient, UUID hubMessageId, String providerMessageId, String campaignId,
                         String recipientId, Instant occurredAt, Map<String, Object> details) {
}
