package com.penguinmails.hub.security.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.database.TenantTransactions;

@Configuration(proxyBeanMethods = false)
class KeyringConfiguration {

    @Bean
    EnvelopeKeyring keyring(SecurityProperties properties, PlatformProperties platform, DataKeys dataKeys,
                            TenantTransactions transactions, Clock clock) {
        Optional<Path> embeddedDefault = platform.db().isEmbedded()
                ? Optional.of(platform.db().embedded().dataDir().toAbsolutePath().normalize().resolveSibling("master.key"))
                : Optional.empty();
        return new EnvelopeKeyring(MasterKeys.load(properties.keyring(), embeddedDefault), dataKeys, transactions, clock);
    }
}
