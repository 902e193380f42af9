package com.penguinmails.hub.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the security module, bound from {@code hub.security.*} (environment {@code HUB_SECURITY_*}).
 *
 * @param rawPayloadRetention how long raw provider payloads (every {@code ExpiringData} table without its own) are kept
 * @param retentionInterval   how often the retention job runs, once across all nodes
 * @param retentionInitialDelay how long after start-up a node first tries the retention job
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(
        @DefaultValue("30d") Duration rawPayloadRetention,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("1m") Duration retentionInitialDelay) {
}
