package com.penguinmails.hub.platform.ratelimit;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the rows of buckets nobody has used since they refilled (plus {@link SharedBuckets#KEEP_FULL_BUCKETS}):
 * every integration, endpoint and plan that ever took a permit leaves a row, and without this the
 * tables only grow. A bucket deleted this way is created again, full, by its next use — what it
 * would have been anyway. Bucket4j deletes in batches with {@code FOR UPDATE SKIP LOCKED}, so every
 * node may run this at once without waiting on the others or on a bucket in use.
 */
@Component
class ExpiredBucketCleanup {

    private static final Logger log = LoggerFactory.getLogger(ExpiredBucketCleanup.class);
    static final int BATCH = 1_000;
    /** Batches per table and pass, so one pass stays short; what is left goes at the next. */
    static final int MAX_BATCHES = 100;

    private final List<SharedBuckets.Table> tables;
    private final DataSource dataSource;
    private final Clock clock;

    ExpiredBucketCleanup(List<SharedBuckets.Table> tables, DataSource dataSource, Clock clock) {
        this.tables = tables;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${hub.ratelimit.cleanup-initial-delay:2m}",
            fixedDelayString = "${hub.ratelimit.cleanup-interval:10m}")
    void scheduled() {
        try {
            int removed = runOnce();
            if (removed > 0) {
                log.info("Deleted {} expired rate-limit bucket rows", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Deleting expired rate-limit buckets failed; trying again at the next interval: {}", e.getMessage());
        }
    }

    /** One pass over every declared table; answers how many rows it deleted. */
    int runOnce() {
        int removed = 0;
        for (SharedBuckets.Table table : tables) {
            ExpiredEntriesCleaner cleaner = (ExpiredEntriesCleaner) SharedBuckets.inPostgres(dataSource, table.name(), clock);
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int deleted = cleaner.removeExpired(BATCH);
                removed += deleted;
                if (deleted < BATCH) {
                    break;
                }
            }
        }
        return removed;
    }
}
