package com.penguinmails.hub.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.ResilienceSettings.RateLimits;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateway nodes drawing from Bucket4j's PostgreSQL backend stay within one limit together. */
class SharedRateLimitsIntegrationTests extends HubIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void twoNodesSharingPostgresTogetherStayWithinOneLimitInEachStrategy() throws Exception {
        for (String strategy : List.of("fixed-window", "sliding-window", "token-bucket")) {
            RateLimiters nodeA = new RateLimiters(dataSource, Clock.systemUTC());
            RateLimiters nodeB = new RateLimiters(dataSource, Clock.systemUTC());
            String key = UUID.randomUUID() + ":" + UUID.randomUUID();
            RateLimits limits = new RateLimits(null, 10, null, null, strategy);

            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                RateLimiters node = i % 2 == 0 ? nodeA : nodeB;
                Callable<Boolean> take = () -> node.acquire(key, limits, Urgency.CALLER_FACING, Duration.ZERO).isEmpty();
                attempts.add(threads.submit(take));
            }
            int granted = 0;
            for (Future<Boolean> attempt : attempts) {
                granted += attempt.get() ? 1 : 0;
            }
            threads.shutdown();

            assertThat(granted).as(strategy).isEqualTo(10);
            assertThat(nodeA.acquire(key, limits, Urgency.CALLER_FACING, Duration.ZERO)).as(strategy)
                    .hasValueSatisfying(wait -> assertThat(wait).isPositive());
        }
    }
}
