package com.penguinmails.hub.gateway.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * The read-through cache of idempotent GETs (Caffeine, LRU-ish, each answer with the TTL its caller
 * gave). Keyed by tenant, integration, URI and the {@code Accept} header, so one tenant's answer is
 * never another's.
 */
@Component
class ResponseCache {

    record Key(UUID tenantId, UUID integrationId, String provider, String uri, List<String> accept) {
    }

    private record Entry(ProviderResponse response, Duration ttl) {
    }

    private final Cache<Key, Entry> cache;

    ResponseCache(GatewayProperties properties) {
        this.cache = Caffeine.newBuilder().maximumSize(properties.responseCacheSize())
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long now) {
                        return entry.ttl().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long now, long current) {
                        return entry.ttl().toNanos();
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    static Key key(ProviderCall call) {
        return new Key(call.tenantId(), call.integrationId(), call.provider(), call.request().uri().toString(),
                call.request().headers().allValues("Accept"));
    }

    Optional<ProviderResponse> get(Key key) {
        return Optional.ofNullable(cache.getIfPresent(key)).map(Entry::response);
    }

    void put(Key key, ProviderResponse response, Duration ttl) {
        if (!ttl.isNegative() && !ttl.isZero() && response.status() / 100 == 2) {
            cache.put(key, new Entry(response, ttl));
        }
    }
}
