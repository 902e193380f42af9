package com.penguinmails.hub.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Bucket4j buckets kept as rows of a PostgreSQL table, so every hub node draws from one limit. Each
 * permit taken is a short transaction of its own that locks the bucket's row
 * ({@code SELECT … FOR UPDATE}), reads its state, and writes it back. The table has Bucket4j's
 * shape — {@code id text primary key, state bytea, expires_at bigint} — and is not tenant data (keys
 * name the tenant where it matters), so it is not under row-level security; the application role
 * needs select, insert, update and delete on it.
 */
public final class SharedBuckets {

    /** An idle bucket's row may be dropped this long after it would have refilled completely. */
    static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(5);

    private SharedBuckets() {
    }

    /**
     * A table of shared buckets, declared as a bean by the module that owns it, so that
     * {@link ExpiredBucketCleanup} deletes its rows once they have expired.
     */
    public record Table(String name) {
    }

    /**
     * A proxy manager over {@code table}, keyed by text, timed by {@code clock} (every node reads
     * time from its own clock; keep nodes' clocks in sync as for any lease).
     */
    public static ProxyManager<String> inPostgres(DataSource dataSource, String table, Clock clock) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .clientClock(time(clock))
                .build();
    }

    /** Bucket4j's time read from the hub's {@link Clock}, so tests that move time move buckets too. */
    public static TimeMeter time(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
