package com.penguinmails.hub.gateway.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway, bound from {@code hub.gateway.*} (environment {@code HUB_GATEWAY_*}).
 *
 * @param sharedRateLimits  keep rate-limit buckets in PostgreSQL (Bucket4j) so every hub node draws from one limit
 * @param connectTimeout    time to open a connection to a provider
 * @param requestTimeout    time one attempt may take, for requests that do not set their own
 * @param maxPermitWait     longest a background call waits for a rate-limit permit
 * @param maxRetryWait      longest the gateway itself waits between attempts; a longer Retry-After is
 *                          handed back to the caller (retryAfter) instead of being slept through
 * @param settingsTtl       how long an integration's settings are reused before being read again
 * @param responseCacheSize most answers the read cache keeps
 * @param maxConnections    most pooled connections to one provider host (and in all)
 */
@ConfigurationProperties("hub.gateway")
public record GatewayProperties(
        @DefaultValue("false") boolean sharedRateLimits,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("30s") Duration maxPermitWait,
        @DefaultValue("60s") Duration maxRetryWait,
        @DefaultValue("5s") Duration settingsTtl,
        @DefaultValue("10000") long responseCacheSize,
        @DefaultValue("64") int maxConnections) {
}
