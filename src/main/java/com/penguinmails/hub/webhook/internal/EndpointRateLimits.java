package com.penguinmails.hub.webhook.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * Each endpoint's own rate limit (deliveries per second), a Bucket4j bucket per endpoint in this
 * process: with several nodes each node allows the rate, so the limit is per node.
 */
@Component
class EndpointRateLimits {

    private record Held(int perSecond, Bucket bucket) {
    }

    private final Map<UUID, Held> buckets = new ConcurrentHashMap<>();

    /** Takes a permit; answers how long to wait when there is none. */
    Optional<Duration> take(UUID endpointId, Integer perSecond) {
        if (perSecond == null) {
            buckets.remove(endpointId);
            return Optional.empty();
        }
        Held held = buckets.compute(endpointId, (id, current) -> current != null && current.perSecond() == perSecond
                ? current
                : new Held(perSecond, Bucket.builder().addLimit(Bandwidth.builder().capacity(perSecond)
                        .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build()));
        ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000)));
    }
}
