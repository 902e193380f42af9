package com.penguinmails.hub.integration;

import java.time.Duration;

/**
 * An integration's monitoring settings as the monitoring module applies them: whether it is
 * watched, how often it is checked, and the thresholds that make it degraded.
 */
public record MonitoringSettings(boolean enabled, Duration healthCheckInterval, Duration responseTimeThreshold,
                                 double errorRateThreshold) {
}
