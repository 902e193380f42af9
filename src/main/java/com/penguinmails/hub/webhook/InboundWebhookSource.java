package com.penguinmails.hub.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider that calls the hub: how its requests are verified and split into events. Implemented
 * by each provider module (and by the generic HMAC source for integrations of provider
 * {@code custom}).
 */
public interface InboundWebhookSource {

    /** The {@code {provider}} path segment this source answers. */
    String provider();

    /**
     * Checks the request's signature on its raw bytes, in constant time, including the replay
     * window. {@code secrets} are the integration's opened credentials (or the platform account's).
     *
     * @return true only when the request is authentic and fresh
     */
    boolean verify(InboundRequest request, Map<String, String> secrets, Map<String, Object> configuration, Instant now);

    /**
     * Splits a verified request into events.
     *
     * @throws IllegalArgumentException when the body is not what the provider sends
     */
    List<ParsedEvent> parse(InboundRequest request, Map<String, Object> configuration);

    /**
     * A token that the provider's signature covers instead of the body (e.g. Mailgun's), which may
     * therefore serve one event only: the request's first event (and its retries). The token is
     * claimed in the statement that stores the request's events; a token already claimed for
     * another event refuses the request as unauthenticated and stores nothing. Claimed whenever the
     * request holds at least one event, filtered out or not.
     */
    default Optional<String> oneUseToken(InboundRequest request) {
        return Optional.empty();
    }
}
