package com.penguinmails.hub.posthog.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.penguinmails.hub.posthog.AnalyticsEvent;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EventBufferUnitTests {

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static QueuedEvent event() {
        return new QueuedEvent(new AnalyticsEvent("e", "u", Map.of(), null, null), UUID.randomUUID(), Instant.EPOCH);
    }

    @Test
    void warnsAboutAFullBufferAtMostOnceAMinuteWithTheNumberDropped(CapturedOutput output) {
        MovingClock clock = new MovingClock();
        AnalyticsMetrics metrics = new AnalyticsMetrics(new SimpleMeterRegistry());
        EventBuffer buffer = new EventBuffer(1, metrics, clock);

        assertThat(buffer.offer(event())).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(buffer.offer(event())).isFalse();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(output.getOut()).containsOnlyOnce("The analytics buffer is full");

        clock.advance(Duration.ofSeconds(30));
        buffer.offer(event());

        assertThat(output.getOut()).contains("dropped 1 event(s) since the last warning")
                .contains("dropped 4 event(s) since the last warning");
        assertThat(metrics.droppedCount("buffer_full")).isEqualTo(5);
    }
}
