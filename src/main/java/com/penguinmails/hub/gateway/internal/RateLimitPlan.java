package com.penguinmails.hub.gateway.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import com.penguinmails.hub.integration.ResilienceSettings.RateLimits;

/**
 * An integration's rate limits as a Bucket4j configuration, one bandwidth per window that is set:
 * <ul>
 * <li>{@code fixed-window}: the window's whole allowance comes back at once when the window ends;</li>
 * <li>{@code sliding-window}: the allowance comes back continuously, one permit every window/N, so
 *     calls spread evenly instead of bunching at window starts;</li>
 * <li>{@code token-bucket}: like sliding-window, but the bucket of the shortest window holds
 *     {@code burstLimit} permits, the most let through at once.</li>
 * </ul>
 */
final class RateLimitPlan {

    private RateLimitPlan() {
    }

    static Optional<BucketConfiguration> of(RateLimits limits) {
        if (limits == null) {
            return Optional.empty();
        }
        List<Bandwidth> bandwidths = new ArrayList<>();
        boolean first = true;
        for (Object[] window : new Object[][] {
                {limits.requestsPerSecond(), Duration.ofSeconds(1)},
                {limits.requestsPerMinute(), Duration.ofMinutes(1)},
                {limits.requestsPerHour(), Duration.ofHours(1)}}) {
            Integer count = (Integer) window[0];
            if (count == null) {
                continue;
            }
            bandwidths.add(bandwidth(limits.strategy(), count, (Duration) window[1],
                    first ? limits.burstLimit() : null));
            first = false;
        }
        if (bandwidths.isEmpty()) {
            return Optional.empty();
        }
        io.github.bucket4j.ConfigurationBuilder builder = BucketConfiguration.builder();
        bandwidths.forEach(builder::addLimit);
        return Optional.of(builder.build());
    }

    private static Bandwidth bandwidth(String strategy, int count, Duration window, Integer burst) {
        return switch (strategy == null ? "token-bucket" : strategy) {
            case "fixed-window" -> Bandwidth.builder().capacity(count).refillIntervally(count, window).build();
            case "sliding-window" -> Bandwidth.builder().capacity(count).refillGreedy(count, window).build();
            default -> Bandwidth.builder().capacity(burst == null ? count : burst).refillGreedy(count, window).build();
        };
    }
}
