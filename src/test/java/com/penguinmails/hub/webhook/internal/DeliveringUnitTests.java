package com.penguinmails.hub.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a receiver's answer decides the retry: {@code Retry-After} forms and which statuses are retried. */
class DeliveringUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static Optional<Duration> retryAfter(String header) {
        return Delivering.retryAfter(Optional.ofNullable(header), NOW);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(retryAfter("120")).contains(Duration.ofSeconds(120));
        assertThat(retryAfter(" 7 ")).contains(Duration.ofSeconds(7));
        assertThat(retryAfter("-5")).contains(Duration.ZERO);
        String inTenMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(600).atOffset(ZoneOffset.UTC));
        assertThat(retryAfter(inTenMinutes)).contains(Duration.ofSeconds(600));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(600).atOffset(ZoneOffset.UTC));
        assertThat(retryAfter(past)).contains(Duration.ZERO);
        assertThat(retryAfter("soon")).isEmpty();
        assertThat(retryAfter("")).isEmpty();
        assertThat(retryAfter(null)).isEmpty();
    }

    @Test
    void timeoutsThrottlingAndServerErrorsAreAlwaysRetriedOtherClientErrorsAsConfigured() {
        for (Integer status : new Integer[] {null, 408, 425, 429, 500, 502, 503, 504}) {
            assertThat(Delivering.retryable(status, false)).as(String.valueOf(status)).isTrue();
        }
        assertThat(Delivering.retryable(400, false)).isFalse();
        assertThat(Delivering.retryable(404, true)).isTrue();
        assertThat(Delivering.retryable(301, false)).isFalse();
    }

    @Test
    void jitterStaysWithinItsFraction() {
        for (int i = 0; i < 200; i++) {
            Duration jittered = Delivering.jittered(Duration.ofSeconds(10), 0.2);
            assertThat(jittered).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        }
        assertThat(Delivering.jittered(Duration.ZERO, 0.2)).isZero();
    }
}
