package com.penguinmails.hub.gateway;

import java.time.Duration;

/** The one path out of the hub to a provider's API. */
public interface ProviderGateway {

    /**
     * Sends one request to a provider for an integration, applying its rate limits, circuit breaker,
     * retry policy and error classification; returns the provider's answer for 2xx (and for 3xx/4xx the
     * caller asked to accept), or throws {@link ProviderCallFailed} with the classified error.
     */
    ProviderResponse call(ProviderCall call);

    /**
     * Like {@link #call} for an idempotent GET whose 2xx answer may be reused for {@code ttl}: a second
     * identical read for the same integration within it is answered from the hub's memory and does not
     * reach the provider (nor count against its rate limit).
     */
    ProviderResponse read(ProviderCall call, Duration ttl);

    /**
     * One attempt with a candidate credential (a key test): the address policy and the integration's rate
     * limit apply, but not its circuit breaker, its retries nor its error handling, so whatever the candidate
     * meets (a refusal, an unreachable host) never counts against the live integration, opens its breaker or
     * is recorded as its incident. Answers like {@link #call}; throws {@link ProviderCallFailed} with the
     * classified error when no accepted answer came.
     */
    ProviderResponse probe(ProviderCall call);
}
