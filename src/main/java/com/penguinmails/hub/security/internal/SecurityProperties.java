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
 * @param keyring             where the keyring's master keys come from
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(
        @DefaultValue("30d") Duration rawPayloadRetention,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("1m") Duration retentionInitialDelay,
        @DefaultValue Keyring keyring) {

    /**
     * @param masterKey master keys as {@code id:base64[,id:base64…]}, the first one active; a bare
     *                  base64 value is key {@code k1} (environment {@code HUB_MASTER_KEY})
     * @param keyFile   a file with the same entries, one per line (environment {@code HUB_MASTER_KEY_FILE});
     *                  with the embedded database and nothing configured, {@code master.key} beside
     *                  its data folder is created on first start
     */
    public record Keyring(String masterKey, java.nio.file.Path keyFile) {
    }
}
