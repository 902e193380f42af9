package com.penguinmails.hub.email;

import java.util.UUID;

/**
 * Published inside the transaction that recorded a delivery event (outbound webhooks, analytics).
 *
 * @param recipientStatus the recipient's status after the event
 * @param messageStatus   the message's status after the event (its most advanced recipient)
 */
public record EmailEventRecorded(UUID tenantId, UUID messageId, UUID eventId, EmailEvent event,
                                 String recipientStatus, String messageStatus) {
}
