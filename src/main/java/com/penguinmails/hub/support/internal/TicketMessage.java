package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One message on a ticket: from the customer, an agent or the system; a public reply or an internal
 * note (never shown to customers).
 */
record TicketMessage(UUID tenantId, UUID id, UUID ticketId, String authorType, UUID authorUserId, String authorEmail,
                     String authorName, String visibility, String messageType, String channel, String body,
                     Map<String, Object> metadata, int timeSpentSeconds, Instant createdAt) {

    boolean isPublic() {
        return "public".equals(visibility);
    }
}
