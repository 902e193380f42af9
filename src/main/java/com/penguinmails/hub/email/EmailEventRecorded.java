package com.penguinmails.hub.email;

import java.util.UUID;

/** Published inside the transaction that recorded a delivery event (outbound webhooks, analytics). */
public record EmailEventRecorded(UUID tenantId, UUID messageId, UUID eventId, EmailEvent event,
                                 String recipientStatus) {
}
