package com.penguinmails.hub.gateway.internal;

import java.util.Map;
import java.util.Optional;

import com.penguinmails.hub.integration.ResilienceSettings;
import com.penguinmails.hub.integration.ResilienceSettings.RateLimits;

/**
 * Rate limits of the platform's own provider accounts (calls with no integration), chosen by the
 * longest operation prefix that matches; each prefix has its own bucket. Operations without a
 * match have no limit.
 */
final class PlatformLimits {

    /** @param group the bucket's name: calls of one group share a limit */
    record Limit(String group, RateLimits limits) {

        String key() {
            return "platform:" + group;
        }

        ResilienceSettings applyTo(ResilienceSettings settings) {
            return new ResilienceSettings(settings.version(), limits, settings.retryPolicy(), settings.circuitBreaker(),
                    settings.notifyAdminsOnApiErrors(), settings.cacheTtl());
        }
    }

    private static final Map<String, RateLimits> BY_PREFIX = Map.of(
            // PostHog's private API limits analytics endpoints (persons) to 240/min and 1200/h per organisation
            "posthog.persons", new RateLimits(null, 240, 1200, null, "sliding-window"),
            // capture and flags are not limited by PostHog; this guards it (and us) against a runaway loop
            "posthog.", new RateLimits(50, null, null, 100, "token-bucket"));

    private PlatformLimits() {
    }

    static Optional<Limit> of(String operation) {
        return BY_PREFIX.entrySet().stream()
                .filter(entry -> operation.startsWith(entry.getKey()))
                .max(java.util.Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(entry -> new Limit(entry.getKey().replaceAll("\\.$", ""), entry.getValue()));
    }
}
