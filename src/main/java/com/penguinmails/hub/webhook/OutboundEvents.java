package com.penguinmails.hub.webhook;

import java.util.UUID;

/**
 * Publishes a tenant's event to its webhook endpoints (transactional outbox). Call it inside the
 * transaction that made the change, scoped to {@code tenantId} (e.g. within
 * {@code TenantTransactions.inTenant}): one delivery row per enabled endpoint whose subscriptions and
 * filters take the event is written in that same transaction, so the event is sent exactly when the
 * change commits; delivery workers send it afterwards.
 */
public interface OutboundEvents {

    /**
     * Publishes {@code {"type": type, "timestamp": now, "data": data}} and answers the event's id (the
     * receivers see it as {@code webhook-id: msg_<id without dashes>}).
     *
     * @param data any JSON-serialisable value (a record, a map)
     * @throws OutboundEventRefused when no transaction scoped to the tenant is running, the type is not in
     *                              the catalogue, or the payload is over {@code hub.webhook.outbound.max-payload-bytes}
     */
    UUID publish(UUID tenantId, String type, Object data);
}
