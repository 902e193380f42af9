package com.penguinmails.hub.webhook;

import java.time.Instant;

/**
 * One provider event taken from a verified request.
 *
 * @param dedupKey    unique per provider (and tenant): the provider's event id, or a hash of the
 *                    event's content where it has none
 * @param type        the provider's event type, e.g. {@code delivered}
 * @param occurredAt  when the provider says it happened, if it says
 * @param payloadJson the event's own JSON (for a batch, just this element)
 */
public record ParsedEvent(String dedupKey, String type, Instant occurredAt, String payloadJson) {
}
