package com.penguinmails.hub.bench.outside;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadUnitTests {

    @Test
    void theOpenLoopKeepsItsRateAndCountsAStallAgainstEveryRequestDueDuringIt() throws Exception {
        // one sender, 200 requests/s, 1 s measured; one request in the measured second stalls 300 ms. A closed loop
        // would record one slow request; measured from the due times, the ~60 requests due during the stall are late
        AtomicLong calls = new AtomicLong();
        Load.Result result = Load.open("stall", 200, 1, Duration.ofMillis(200), Duration.ofSeconds(1), sequence -> {
            if (calls.incrementAndGet() == 100) {
                Thread.sleep(300);
            }
            return new Load.Answer(200, "");
        });
        assertThat(result.requests()).isBetween(190L, 210L);
        assertThat(result.errors()).isZero();
        assertThat(result.maxMs()).isGreaterThanOrEqualTo(290);
        assertThat(result.p90Ms()).as("the requests queued behind the stall are late too").isGreaterThan(20);
    }

    @Test
    void theClosedLoopCountsNon2xxAnswersAndKeepsTheFirst() throws Exception {
        AtomicLong calls = new AtomicLong();
        Load.Result result = Load.closed("errors", 2, Duration.ZERO, Duration.ofMillis(200), sequence -> {
            Thread.sleep(1);
            return calls.incrementAndGet() % 2 == 0 ? new Load.Answer(401, "bad signature") : new Load.Answer(202, "");
        });
        assertThat(result.errors()).isPositive();
        assertThat(result.statuses()).containsKeys(202, 401);
        assertThat(result.firstError()).isEqualTo("401 bad signature");
    }
}
