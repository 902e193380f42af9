package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.ratelimit.SharedBuckets;

/**
 * Each endpoint's own rate limit (deliveries per second), one Bucket4j bucket per endpoint kept in
 * {@code webhook_rate_limit_buckets} ({@link SharedBuckets}): every node's workers draw from the same
 * bucket, so the limit holds for the whole cluster, not per node. The bucket holds
 * {@code rateLimitPerSecond} permits and refills that many per second (greedily), so over any window
 * of {@code t} seconds an endpoint gets at most {@code rate × (t + 1)} deliveries. Endpoints without a
 * limit never touch the table. The key carries the limit, so a changed limit starts a fresh bucket on
 * every node alike.
 */
@Component
class EndpointRateLimits {

    static final String TABLE = "webhook_rate_limit_buckets";
    /** The shortest postponement: a permit due sooner than this is waited for in the next claim. */
    static final Duration MIN_WAIT = Duration.ofMillis(1);

    private final ProxyManager<String> shared;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /** The table's rows are deleted once expired ({@code platform.ratelimit}). */
    @org.springframework.context.annotation.Bean
    static SharedBuckets.Table webhookBucketTable() {
        return new SharedBuckets.Table(TABLE);
    }

    EndpointRateLimits(DataSource dataSource, Clock clock) {
        this.shared = SharedBuckets.inPostgres(dataSource, TABLE, clock);
    }

    /** Takes a permit; answers how long to wait when there is none (empty when taken or unlimited). */
    Optional<Duration> take(UUID tenantId, UUID endpointId, Integer perSecond) {
        if (perSecond == null) {
            return Optional.empty();
        }
        String key = tenantId + ":" + endpointId + "|" + perSecond + "/s";
        Bucket bucket = buckets.get(key, k -> shared.builder().build(k, () -> configuration(perSecond)));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        return Optional.of(wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait);
    }

    static BucketConfiguration configuration(int perSecond) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(perSecond)
                .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
    }
}
