package com.penguinmails.hub.support.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlaClockUnitTests {

    private final SlaClock clock = new SlaClock(0.8);
    private final SlaClock.Targets targets = new SlaClock.Targets(Duration.ofHours(4), Duration.ofHours(24));
    private final Instant t0 = Instant.parse("2030-01-01T00:00:00Z");

    private Ticket ticket(String status) {
        return new Ticket(UUID.randomUUID(), UUID.randomUUID(), 1, "s", "d", "c@example.com", null, null, "normal",
                "general", "web", status, null, List.of(), Map.of(), null, null, t0, t0, null, null, null,
                t0.plus(Duration.ofHours(4)), t0.plus(Duration.ofHours(24)), null, 0);
    }

    @Test
    void warningAtEightyPercentThenBreach() {
        Ticket t = ticket("open");
        assertThat(clock.nextCheck(t, targets, Set.of())).isEqualTo(t0.plus(Duration.ofMinutes(192)));
        assertThat(clock.reached(t, targets, Set.of(), t0.plus(Duration.ofMinutes(191)))).isEmpty();
        assertThat(clock.reached(t, targets, Set.of(), t0.plus(Duration.ofMinutes(192))))
                .extracting(SlaClock.Reached::key).containsExactly("first_response:warning");
        assertThat(clock.nextCheck(t, targets, Set.of("first_response:warning"))).isEqualTo(t0.plus(Duration.ofHours(4)));
        // jumping past the due time: the breach supersedes the warning
        assertThat(clock.reached(t, targets, Set.of(), t0.plus(Duration.ofHours(5))))
                .extracting(SlaClock.Reached::key).containsExactly("first_response:breach");
    }

    @Test
    void pausesMoveTheDueTimes() {
        Ticket paused = clock.pause(ticket("pending"), t0.plus(Duration.ofHours(1)));
        assertThat(clock.nextCheck(paused, targets, Set.of())).isNull();
        assertThat(clock.reached(paused, targets, Set.of(), t0.plus(Duration.ofDays(3)))).isEmpty();
        Ticket resumed = clock.resume(paused.edit().build(), targets, t0.plus(Duration.ofHours(4)));
        assertThat(resumed.pausedSeconds()).isEqualTo(3 * 3600);
        assertThat(resumed.firstResponseDueAt()).isEqualTo(t0.plus(Duration.ofHours(7)));
        assertThat(resumed.resolutionDueAt()).isEqualTo(t0.plus(Duration.ofHours(27)));
    }
}
