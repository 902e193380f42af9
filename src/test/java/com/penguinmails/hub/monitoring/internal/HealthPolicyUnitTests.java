package com.penguinmails.hub.monitoring.internal;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts.Severity;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Clear;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Evaluation;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Keep;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Observation;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.ProbeOutcome;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Raise;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Status;
import com.penguinmails.hub.monitoring.internal.HealthPolicy.Thresholds;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

class HealthPolicyUnitTests {

    private static final Thresholds T = new Thresholds(1000, 0.05, 5);

    private static Observation up(long requests, long failures, long totalMs) {
        return new Observation(ProbeOutcome.UP, 100L, null, "ok", requests, failures, 0, totalMs, 0, 0);
    }

    @Test
    void aGoodProbeAndCleanTrafficAreHealthyWithFullScoreAndClearEveryAlert() {
        Evaluation e = HealthPolicy.evaluate(T, up(100, 2, 100 * 200));
        assertThat(e.status()).isEqualTo(Status.HEALTHY);
        assertThat(e.score()).isEqualTo(99); // 0.5 × 0.98 + 0.3 + 0.2
        assertThat(e.errorRate()).isEqualTo(0.02);
        assertThat(e.averageResponseMs()).isEqualTo(200.0);
        assertThat(e.alerts().values()).allMatch(a -> a instanceof Clear);
        assertThat(e.reasons()).isEmpty();
    }

    @Test
    void anErrorRateAboveTheThresholdDegradesAndAboveTwiceItIsUnhealthy() {
        Evaluation degraded = HealthPolicy.evaluate(T, up(100, 8, 100 * 200));
        assertThat(degraded.status()).isEqualTo(Status.DEGRADED);
        assertThat(degraded.alerts().get(AlertType.ERROR_RATE)).isEqualTo(new Raise(Severity.MEDIUM,
                "8 of 100 calls failed over the window (8.0%, threshold 5.0%)"));

        Evaluation unhealthy = HealthPolicy.evaluate(T, up(100, 11, 100 * 200));
        assertThat(unhealthy.status()).isEqualTo(Status.UNHEALTHY);
        assertThat(((Raise) unhealthy.alerts().get(AlertType.ERROR_RATE)).severity()).isEqualTo(Severity.HIGH);

        Evaluation half = HealthPolicy.evaluate(T, up(100, 50, 100 * 200));
        assertThat(((Raise) half.alerts().get(AlertType.ERROR_RATE)).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void exactlyAtTheThresholdIsStillHealthy() {
        assertThat(HealthPolicy.evaluate(T, up(100, 5, 100 * 1000)).status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    void tooFewCallsDoNotMakeAnErrorRateButLeaveAnOpenAlertAsItIs() {
        Evaluation e = HealthPolicy.evaluate(T, up(4, 3, 4 * 100));
        assertThat(e.status()).isEqualTo(Status.HEALTHY);
        assertThat(e.alerts().get(AlertType.ERROR_RATE)).isInstanceOf(Keep.class);
    }

    @Test
    void slowAnswersDegradeWithSeverityByHowFarOverTheThresholdTheyAre() {
        Evaluation slow = HealthPolicy.evaluate(T, up(10, 0, 10 * 1500));
        assertThat(slow.status()).isEqualTo(Status.DEGRADED);
        assertThat(((Raise) slow.alerts().get(AlertType.RESPONSE_TIME)).severity()).isEqualTo(Severity.LOW);
        assertThat(slow.score()).isEqualTo(90); // 0.5 + 0.3 × 1000/1500 + 0.2
        assertThat(((Raise) HealthPolicy.evaluate(T, up(10, 0, 10 * 2500)).alerts().get(AlertType.RESPONSE_TIME))
                .severity()).isEqualTo(Severity.MEDIUM);
        assertThat(((Raise) HealthPolicy.evaluate(T, up(10, 0, 10 * 3500)).alerts().get(AlertType.RESPONSE_TIME))
                .severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aFailedProbeIsUnhealthyWithAConnectivityAlertCriticalWhenNothingGetsThrough() {
        Observation down = new Observation(ProbeOutcome.DOWN, 30L, "network_error", "connection refused", 3, 1, 0, 300, 9, 9);
        Evaluation e = HealthPolicy.evaluate(T, down);
        assertThat(e.status()).isEqualTo(Status.UNHEALTHY);
        assertThat(e.alerts().get(AlertType.CONNECTIVITY)).isEqualTo(new Raise(Severity.HIGH,
                "The health check of the provider failed (network_error): connection refused"));
        assertThat(e.alerts().get(AlertType.API_ERROR)).isInstanceOf(Keep.class);
        assertThat(e.uptimePercentage()).isEqualTo(90.0);
        assertThat(e.score()).isEqualTo(48); // 0 + 0.3 + 0.2 × 0.9

        Observation dead = new Observation(ProbeOutcome.DOWN, 30L, "api_error", "503", 6, 6, 0, 600, 0, 0);
        assertThat(((Raise) HealthPolicy.evaluate(T, dead).alerts().get(AlertType.CONNECTIVITY)).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void quotaRefusalsDegradeAndRaiseQuotaExceeded() {
        Observation quota = new Observation(ProbeOutcome.UP, 50L, null, "ok", 100, 2, 2, 100 * 50, 0, 0);
        Evaluation e = HealthPolicy.evaluate(T, quota);
        assertThat(e.status()).isEqualTo(Status.DEGRADED);
        assertThat(e.alerts().get(AlertType.QUOTA_EXCEEDED)).isInstanceOf(Raise.class);
    }

    @Test
    void withoutAProbeOrTrafficTheStatusIsUnknownAndAlertsStayAsTheyAre() {
        Observation nothing = new Observation(ProbeOutcome.NONE, null, null, "no probe", 0, 0, 0, 0, 0, 0);
        Evaluation e = HealthPolicy.evaluate(T, nothing);
        assertThat(e.status()).isEqualTo(Status.UNKNOWN);
        assertThat(e.score()).isNull();
        assertThat(e.alerts().get(AlertType.CONNECTIVITY)).isInstanceOf(Keep.class);
        assertThat(e.alerts().get(AlertType.RESPONSE_TIME)).isInstanceOf(Keep.class);
        // no calls means no failing calls
        assertThat(e.alerts().get(AlertType.ERROR_RATE)).isInstanceOf(Clear.class);
    }

    @Property
    void theScoreIsAlwaysBetween0And100(@ForAll @LongRange(min = 0, max = 10_000) long requests,
                                        @ForAll @DoubleRange(min = 0, max = 1) double failedShare,
                                        @ForAll @LongRange(min = 0, max = 100_000) long averageMs,
                                        @ForAll boolean probeUp) {
        long failures = Math.round(requests * failedShare);
        Observation o = new Observation(probeUp ? ProbeOutcome.UP : ProbeOutcome.DOWN, 10L, probeUp ? null : "api_error",
                "x", requests, failures, 0, requests * averageMs, 5, 3);
        Evaluation e = HealthPolicy.evaluate(T, o);
        assertThat(e.score()).isBetween(0, 100);
        assertThat(e.uptimePercentage()).isBetween(0.0, 100.0);
        if (!probeUp) {
            assertThat(e.status()).isEqualTo(Status.UNHEALTHY);
        }
    }
}
