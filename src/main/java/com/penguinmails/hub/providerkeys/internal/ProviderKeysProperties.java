package com.penguinmails.hub.providerkeys.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of provider key management, bound from {@code hub.provider-keys.*}.
 *
 * @param defaultGrace          how long a replaced key stays valid before it is revoked
 * @param retirementInterval    how often the retirement job looks for keys past their grace
 * @param revocationAttempts    failed revocations before an alert is raised
 */
@ConfigurationProperties("hub.provider-keys")
public record ProviderKeysProperties(
        @DefaultValue("24h") Duration defaultGrace,
        @DefaultValue("1m") Duration retirementInterval,
        @DefaultValue("5") int revocationAttempts) {
}
