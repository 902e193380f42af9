package com.penguinmails.hub.posthog.internal;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.hub.tenancy.TenantSettings;

/**
 * Which tenants opted out of analytics, read from their settings and reused for
 * {@code hub.posthog.opt-out-ttl}. When the setting cannot be read the tenant counts as opted out
 * (and is asked again next time): nothing is sent that might not be wanted.
 */
class OptOuts {

    private static final Logger log = LoggerFactory.getLogger(OptOuts.class);

    private final TenantSettings settings;
    private final Cache<UUID, Boolean> cache;

    OptOuts(TenantSettings settings, Duration ttl) {
        this.settings = settings;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    boolean optedOut(UUID tenantId) {
        if (tenantId == null) {
            return false;
        }
        Boolean known = cache.getIfPresent(tenantId);
        if (known != null) {
            return known;
        }
        try {
            boolean optedOut = settings.analyticsOptOut(tenantId);
            cache.put(tenantId, optedOut);
            return optedOut;
        } catch (RuntimeException e) {
            log.warn("Could not read the analytics opt-out of tenant {}; not sending its events: {}", tenantId,
                    e.getMessage());
            return true;
        }
    }
}
