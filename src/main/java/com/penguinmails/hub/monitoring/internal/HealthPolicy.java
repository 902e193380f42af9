package com.penguinmails.hub.monitoring.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts.Severity;

/**
 * The thresholds (README, "Monitoring"): from a check's probe, the gateway's traffic over the
 * window and the uptime, the integration's status, health score, and what each alert type should do.
 * A pure function: no clock, no database.
 */
final class HealthPolicy {

    private HealthPolicy() {
    }

    enum Status { HEALTHY, DEGRADED, UNHEALTHY, UNKNOWN;

        String value() {
            return name().toLowerCase();
        }
    }

    enum ProbeOutcome { UP, DOWN, SKIPPED, NONE;

        String value() {
            return name().toLowerCase();
        }
    }

    /** The integration's thresholds; {@code minRequests} is the fewest calls for an error rate to count. */
    record Thresholds(long responseTimeMs, double errorRate, int minRequests) {
    }

    /**
     * What a check saw: its probe, the window's traffic (which includes the probe's own call), and the
     * earlier checks in the uptime window ({@code previousUp} of them not unhealthy).
     */
    record Observation(ProbeOutcome probe, Long probeResponseMs, String probeErrorType, String probeDetail,
                       long requests, long failures, long quotaFailures, long totalMs, long previousChecks,
                       long previousUp) {
    }

    /** Raise (with a severity and a message), clear (resolve an open one), or leave as it is. */
    sealed interface AlertAction {
    }

    record Raise(Severity severity, String message) implements AlertAction {
    }

    record Clear() implements AlertAction {
    }

    record Keep() implements AlertAction {
    }

    record Evaluation(Status status, Integer score, double errorRate, Double averageResponseMs,
                      double uptimePercentage, List<String> reasons, Map<AlertType, AlertAction> alerts) {
    }

    static Evaluation evaluate(Thresholds t, Observation o) {
        boolean measurable = o.requests() >= Math.max(1, t.minRequests());
        double errorRate = o.requests() == 0 ? 0 : (double) o.failures() / o.requests();
        Double average = null;
        if (o.requests() > 0) {
            average = (double) o.totalMs() / o.requests();
        } else if (o.probeResponseMs() != null) {
            average = o.probeResponseMs().doubleValue();
        }
        boolean down = o.probe() == ProbeOutcome.DOWN;
        boolean up = o.probe() == ProbeOutcome.UP;
        boolean probed = up || down;

        List<String> reasons = new ArrayList<>();
        Map<AlertType, AlertAction> alerts = new EnumMap<>(AlertType.class);

        // connectivity: the probe decides
        if (down) {
            reasons.add("health check failed: " + o.probeDetail());
            Severity severity = measurable && o.failures() == o.requests() ? Severity.CRITICAL : Severity.HIGH;
            alerts.put(AlertType.CONNECTIVITY, new Raise(severity, "The health check of the provider failed ("
                    + o.probeErrorType() + "): " + o.probeDetail()));
        } else {
            alerts.put(AlertType.CONNECTIVITY, up ? new Clear() : new Keep());
        }
        alerts.put(AlertType.API_ERROR, up ? new Clear() : new Keep());

        // error rate over the window
        boolean errorRateHigh = measurable && errorRate > t.errorRate();
        boolean errorRateVeryHigh = measurable && errorRate > 2 * t.errorRate();
        if (errorRateHigh) {
            reasons.add(String.format("error rate %.1f%% above %.1f%%", errorRate * 100, t.errorRate() * 100));
            Severity severity = errorRate >= 0.5 ? Severity.CRITICAL : errorRateVeryHigh ? Severity.HIGH : Severity.MEDIUM;
            alerts.put(AlertType.ERROR_RATE, new Raise(severity, String.format(
                    "%d of %d calls failed over the window (%.1f%%, threshold %.1f%%)", o.failures(), o.requests(),
                    errorRate * 100, t.errorRate() * 100)));
        } else if (measurable || o.requests() == 0) {
            alerts.put(AlertType.ERROR_RATE, new Clear());
        } else {
            alerts.put(AlertType.ERROR_RATE, new Keep()); // too few calls to tell
        }

        // response time: the window's average (the probe's own time when there was no traffic)
        boolean slow = average != null && average > t.responseTimeMs();
        if (slow) {
            double factor = average / t.responseTimeMs();
            reasons.add(String.format("average response time %.0f ms above %d ms", average, t.responseTimeMs()));
            Severity severity = factor > 3 ? Severity.HIGH : factor > 2 ? Severity.MEDIUM : Severity.LOW;
            alerts.put(AlertType.RESPONSE_TIME, new Raise(severity, String.format(
                    "Average response time %.0f ms over the window (threshold %d ms)", average, t.responseTimeMs())));
        } else {
            alerts.put(AlertType.RESPONSE_TIME, average != null ? new Clear() : new Keep());
        }

        // quota: any quota refusal in the window, or a probe refused for quota
        boolean quota = o.quotaFailures() > 0 || (down && "quota_error".equals(o.probeErrorType()));
        if (quota) {
            reasons.add("provider quota exceeded");
            alerts.put(AlertType.QUOTA_EXCEEDED, new Raise(Severity.HIGH, o.quotaFailures()
                    + " call(s) refused for quota over the window" + (down ? "; health check: " + o.probeDetail() : "")));
        } else {
            alerts.put(AlertType.QUOTA_EXCEEDED, up || o.requests() > 0 ? new Clear() : new Keep());
        }

        Status status;
        if (down || errorRateVeryHigh) {
            status = Status.UNHEALTHY;
        } else if (errorRateHigh || slow || quota) {
            status = Status.DEGRADED;
        } else if (!probed && o.requests() == 0) {
            status = Status.UNKNOWN;
        } else {
            status = Status.HEALTHY;
        }
        // uptime: the share of checks in the uptime window (this one included) that were not unhealthy
        double uptime = 100.0 * (o.previousUp() + (status == Status.UNHEALTHY ? 0 : 1)) / (o.previousChecks() + 1);
        Integer score = status == Status.UNKNOWN ? null : Integer.valueOf(score(t, down ? 1.0 : errorRate, average, uptime));
        return new Evaluation(status, score, errorRate, average, uptime, reasons, alerts);
    }

    /**
     * {@code 100 × (0.5 × (1 − errorRate) + 0.3 × latency + 0.2 × uptime)}, where latency is 1 at or under
     * the threshold and threshold ÷ average above it, uptime is a fraction, and a failed probe counts as an
     * error rate of 1.
     */
    static int score(Thresholds t, double errorRate, Double averageMs, double uptimePercentage) {
        double latency = averageMs == null || averageMs <= t.responseTimeMs() ? 1.0 : t.responseTimeMs() / averageMs;
        double value = 0.5 * (1 - Math.min(1, Math.max(0, errorRate))) + 0.3 * latency
                + 0.2 * Math.min(1, Math.max(0, uptimePercentage / 100));
        return (int) Math.round(100 * value);
    }
}
