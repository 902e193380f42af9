package com.penguinmails.hub.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.platform.web.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendBucketsUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-26T15:47:30Z");

    @Test
    void theWindowIsAlignedOnTheBucketAndEndsWithTheBucketHoldingNow() {
        TrendBuckets.Window w = TrendBuckets.window(NOW, Duration.ofHours(1), Duration.ofMinutes(15));
        assertThat(w.from()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(w.to()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z"));
        assertThat(w.size()).isEqualTo(4);

        TrendBuckets.Window day = TrendBuckets.window(NOW, Duration.ofDays(1), Duration.ofHours(1));
        assertThat(day.size()).isEqualTo(24);
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z"));
        // a range that is not a whole number of buckets is rounded up to one
        assertThat(TrendBuckets.window(NOW, Duration.ofMinutes(50), Duration.ofMinutes(15)).size()).isEqualTo(4);
    }

    @Test
    void everyBucketIsPresentAndEmptyOnesHaveNoRateOrResponseTime() {
        TrendBuckets.Window w = TrendBuckets.window(NOW, Duration.ofHours(1), Duration.ofMinutes(15));
        List<TrendBuckets.Point> points = TrendBuckets.fill(w, List.of(
                new TrafficCounts.Bucket(Instant.parse("2026-11-26T15:15:00Z"), 30, 3, 30 * 120),
                new TrafficCounts.Bucket(Instant.parse("2026-11-26T15:45:00Z"), 15, 0, 15 * 80)));
        assertThat(points).extracting(TrendBuckets.Point::t).containsExactly(
                Instant.parse("2026-11-26T15:00:00Z"), Instant.parse("2026-11-26T15:15:00Z"),
                Instant.parse("2026-11-26T15:30:00Z"), Instant.parse("2026-11-26T15:45:00Z"));
        assertThat(points.get(0)).isEqualTo(new TrendBuckets.Point(points.get(0).t(), 0, 0, null, null));
        assertThat(points.get(1).throughput()).isEqualTo(2.0); // 30 calls in 15 minutes
        assertThat(points.get(1).errorRate()).isEqualTo(0.1);
        assertThat(points.get(1).responseTimeMs()).isEqualTo(120.0);
        assertThat(points.get(3).throughput()).isEqualTo(1.0);
        assertThat(points.get(3).errorRate()).isEqualTo(0.0);
    }

    @Test
    void durationsReadMinutesHoursAndDays() {
        assertThat(TrendBuckets.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(TrendBuckets.parse("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(TrendBuckets.parse("7d")).isEqualTo(Duration.ofDays(7));
        for (String bad : new String[] {"", "0m", "15", "1w", "-1h", "PT1H", "1.5h"}) {
            assertThatThrownBy(() -> TrendBuckets.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TrendBuckets.window(NOW, "1h", "2h", Duration.ofDays(30), 1000))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("invalid fields");
        assertThatThrownBy(() -> TrendBuckets.window(NOW, "31d", "1d", Duration.ofDays(30), 1000))
                .isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> TrendBuckets.window(NOW, "30d", "1m", Duration.ofDays(30), 1000))
                .isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> TrendBuckets.window(NOW, "1h", "nope", Duration.ofDays(30), 1000))
                .isInstanceOf(ApiProblem.class);
        assertThat(TrendBuckets.window(NOW, "30d", "1h", Duration.ofDays(30), 1000).size()).isEqualTo(720);
    }
}
