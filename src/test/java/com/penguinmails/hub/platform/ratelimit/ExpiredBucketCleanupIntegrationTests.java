package com.penguinmails.hub.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

/** Bucket rows nobody used since they refilled are deleted; buckets in use are kept. */
class ExpiredBucketCleanupIntegrationTests extends HubIntegrationTest {

    private static final BucketConfiguration TEN_PER_SECOND = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(10).refillGreedy(10, Duration.ofSeconds(1))).build();

    @Autowired
    ExpiredBucketCleanup cleanup;

    @Autowired
    DataSource dataSource;

    @Test
    void expiredBucketsOfEveryDeclaredTableAreDeletedAndLiveOnesKept() {
        String run = UUID.randomUUID().toString();
        for (String table : new String[] {"gateway_rate_limit_buckets", "webhook_rate_limit_buckets"}) {
            // a bucket whose row expired a minute ago (Bucket4j writes expires_at in epoch milliseconds)
            TestDatabase.execute("insert into " + table + " (id, state, expires_at) values (?, ?, ?)", "old|" + run,
                    new byte[] {0}, System.currentTimeMillis() - Duration.ofMinutes(1).toMillis());
            SharedBuckets.inPostgres(dataSource, table, Clock.systemUTC()).builder()
                    .build("live|" + run, () -> TEN_PER_SECOND).tryConsume(1);
        }
        assertThat(rows("old|" + run)).isEqualTo(2);

        assertThat(cleanup.runOnce()).isGreaterThanOrEqualTo(2);

        assertThat(rows("old|" + run)).isZero();
        assertThat(rows("live|" + run)).isEqualTo(2);
    }

    private static long rows(String id) {
        return TestDatabase.count("select (select count(*) from gateway_rate_limit_buckets where id = ?)"
                + " + (select count(*) from webhook_rate_limit_buckets where id = ?)", id, id);
    }
}
