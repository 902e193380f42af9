package com.penguinmails.hub.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Published (synchronously, outside any transaction of the gateway's own) after every call of an
 * integration that went out to its provider, answered or failed; answers from the response cache
 * and calls the hub refused on its own rate limit are not calls to the provider and are not
 * published. The monitoring module counts these into the integration's traffic.
 *
 * @param outcome {@code success}, or the final error type ({@code api_error}, …)
 * @param elapsed all attempts included
 */
public record ProviderCallCompleted(UUID tenantId, UUID integrationId, String provider, String operation,
                                    String outcome, Duration elapsed, Instant at) {

    public boolean succeeded() {
        return "success".equals(outcome);
    }
}
