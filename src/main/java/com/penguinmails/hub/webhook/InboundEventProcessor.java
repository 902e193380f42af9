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
}
