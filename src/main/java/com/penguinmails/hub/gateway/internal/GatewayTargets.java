package com.penguinmails.hub.gateway.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.ResilienceSettings;

/**
 * What a call is made against: the integration (its status and provider) and its resilience
 * settings, read from the registry and reused for {@code hub.gateway.settings-ttl}. Calls on the
 * platform's own account get the guide's default retry and breaker settings, and the rate limits of
 * {@link PlatformLimits} (none for most operations).
 */
@Component
class GatewayTargets {

    static final ResilienceSettings PLATFORM = new ResilienceSettings(0,
            new ResilienceSettings.RateLimits(null, null, null, null, "token-bucket"),
            new ResilienceSettings.RetryPolicy(3, "exponential", Duration.ofSeconds(1), Duration.ofSeconds(60)),
            new ResilienceSettings.CircuitBreaker(5, Duration.ofSeconds(60), Duration.ofSeconds(60)), false, null);

    /** @param integration null for the platform's own account */
    record Target(IntegrationRef integration, ResilienceSettings settings) {

        boolean usable() {
            return integration == null || (integration.status() != IntegrationStatus.INACTIVE
                    && integration.status() != IntegrationStatus.DEPRECATED);
        }
    }

    private record Key(UUID tenantId, UUID integrationId) {
    }

    private final IntegrationRegistry registry;
    private final Cache<Key, Target> cache;

    GatewayTargets(IntegrationRegistry registry, GatewayProperties properties) {
        this.registry = registry;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.settingsTtl()).maximumSize(100_000).build();
    }

    Optional<Target> find(UUID tenantId, UUID integrationId) {
        if (integrationId == null) {
            return Optional.of(new Target(null, PLATFORM));
        }
        if (tenantId == null) {
            return Optional.empty();
        }
        Key key = new Key(tenantId, integrationId);
        Target cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Target> found = registry.find(tenantId, integrationId).flatMap(ref ->
                registry.resilience(tenantId, integrationId).map(settings -> new Target(ref, settings)));
        found.ifPresent(target -> cache.put(key, target));
        return found;
    }

    /** Forgets what was read, so the next call sees the registry as it is now (status changes). */
    void forget(UUID tenantId, UUID integrationId) {
        cache.invalidate(new Key(tenantId, integrationId));
    }
}
