package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes' delivery workers draw one endpoint's permits from the same bucket in PostgreSQL. */
class EndpointRateLimitsIntegrationTests extends HubIntegrationTest {

    @Autowired
    DataSource dataSource;

    /** A clock the test moves: no permit refills while the nodes compete. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void twoNodesTogetherGetNoMoreThanTheEndpointsLimit() throws Exception {
        MovableClock clock = new MovableClock();
        EndpointRateLimits nodeA = new EndpointRateLimits(dataSource, clock);
        EndpointRateLimits nodeB = new EndpointRateLimits(dataSource, clock);
        UUID tenant = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();

        assertThat(granted(nodeA, nodeB, tenant, endpoint, 5, 20)).isEqualTo(5);
        Optional<Duration> wait = nodeB.take(tenant, endpoint, 5);
        assertThat(wait).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200)));

        clock.advance(Duration.ofSeconds(1)); // one second refills the limit, for both nodes together
        assertThat(granted(nodeA, nodeB, tenant, endpoint, 5, 20)).isEqualTo(5);

        // another endpoint, and an unlimited one, are not held back by the first
        assertThat(nodeA.take(tenant, UUID.randomUUID(), 5)).isEmpty();
        assertThat(nodeA.take(tenant, endpoint, null)).isEmpty();
        // a changed limit is a fresh bucket on every node
        assertThat(granted(nodeA, nodeB, tenant, endpoint, 8, 20)).isEqualTo(8);
    }

    private static int granted(EndpointRateLimits a, EndpointRateLimits b, UUID tenant, UUID endpoint, int perSecond,
                               int tries) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                EndpointRateLimits node = i % 2 == 0 ? a : b;
                takes.add(threads.submit(() -> node.take(tenant, endpoint, perSecond).isEmpty()));
            }
            int granted = 0;
            for (Future<Boolean> take : takes) {
                granted += take.get() ? 1 : 0;
            }
            return granted;
        } finally {
            threads.shutdown();
        }
    }
}
