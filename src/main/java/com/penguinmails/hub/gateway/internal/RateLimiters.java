package com.penguinmails.hub.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.ResilienceSettings.RateLimits;
import com.penguinmails.hub.platform.ratelimit.SharedBuckets;

/**
 * One Bucket4j bucket per integration: in this process by default, or rows of
 * {@code gateway_rate_limit_buckets} ({@link SharedBuckets}) when limits are shared by several hub
 * nodes. A changed configuration starts a fresh bucket.
 */
class RateLimiters {

    static final String TABLE = "gateway_rate_limit_buckets";

    private record Held(String plan, Bucket bucket) {
    }

    private final Map<String, Held> buckets = new ConcurrentHashMap<>();
    private final ProxyManager<String> shared;
    private final TimeMeter time;

    /** @param dataSource where shared buckets live; null keeps every bucket in this process */
    RateLimiters(DataSource dataSource, Clock clock) {
        this.time = SharedBuckets.time(clock);
        this.shared = dataSource == null ? null : SharedBuckets.inPostgres(dataSource, TABLE, clock);
    }

    boolean isShared() {
        return shared != null;
    }

    /**
     * Takes one permit for {@code key}. Background calls wait up to {@code maxWait}; caller-facing
     * calls never wait. Answers empty when a permit was taken, otherwise how long until one is free.
     */
    Optional<Duration> acquire(String key, RateLimits limits, Urgency urgency, Duration maxWait) {
        Optional<Bucket> bucket = bucket(key, limits);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        if (urgency == Urgency.BACKGROUND && !maxWait.isZero()) {
            try {
                if (bucket.get().asBlocking().tryConsume(1, maxWait)) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(Duration.ofNanos(bucket.get().estimateAbilityToConsume(1).getNanosToWaitForRefill()));
        }
        ConsumptionProbe probe = bucket.get().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Permits free right now, or empty when the integration has no limit. */
    Optional<Long> available(String key, RateLimits limits) {
        return bucket(key, limits).map(Bucket::getAvailableTokens);
    }

    private Optional<Bucket> bucket(String key, RateLimits limits) {
        Optional<BucketConfiguration> configuration = RateLimitPlan.of(limits);
        if (configuration.isEmpty()) {
            return Optional.empty();
        }
        String plan = plan(limits);
        Held known = buckets.get(key); // every call passes here: no lock unless the bucket is new or its plan changed
        if (known != null && known.plan().equals(plan)) {
            return Optional.of(known.bucket());
        }
        Held held = buckets.compute(key, (k, current) -> current != null && current.plan().equals(plan) ? current
                : new Held(plan, shared == null ? localBucket(configuration.get())
                        : shared.builder().build(key + "|" + plan, configuration::get)));
        return Optional.of(held.bucket());
    }

    private Bucket localBucket(BucketConfiguration configuration) {
        var builder = Bucket.builder().withCustomTimePrecision(time);
        for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    /** A stable text of the limits: the shared bucket's key changes with them, on every node alike. */
    static String plan(RateLimits limits) {
        return limits.strategy() + ":" + limits.requestsPerSecond() + "/s:" + limits.requestsPerMinute() + "/m:"
                + limits.requestsPerHour() + "/h:burst=" + limits.burstLimit();
    }
}
