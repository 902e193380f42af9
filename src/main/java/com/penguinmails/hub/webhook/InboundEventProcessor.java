package com.penguinmails.hub.webhook;

/**
 * Applies inbound events of one provider (and some event types) to the hub's state. Runs inside
 * the transaction that marks the event done, bound to the event's tenant, so an effect and its
 * "done" commit together. Must be idempotent all the same: a crash between the provider's retry and
 * our commit is possible. Throw to have the event retried with backoff.
 */
public interface InboundEventProcessor {

    boolean supports(String provider, String eventType);

    void process(InboundEvent event);

    /**
     * For an event received on a platform provider account: the tenant it belongs to, read from the
     * event itself (e.g. the variables the hub attached when sending). The event is then moved to that
     * tenant and processed in its scope. Empty leaves it with the platform (it is ignored).
     */
    default java.util.Optional<java.util.UUID> owningTenant(InboundEvent event) {
        return java.util.Optional.empty();
    }
}
