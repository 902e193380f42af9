package com.penguinmails.hub.integration;

import java.time.Duration;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An integration's rate-limit and error-handling settings as the gateway applies them (the guide's
 * {@code RateLimitConfig}, {@code RetryPolicy} and {@code CircuitBreakerConfig}). {@code version}
 * changes whenever the integration is reconfigured, so callers can tell stale copies apart.
 */
public record ResilienceSettings(long version, RateLimits rateLimits, RetryPolicy retryPolicy,
                                 CircuitBreaker circuitBreaker, boolean notifyAdminsOnApiErrors,
                                 Duration cacheTtl) {

    /** How long the gateway keeps this integration's answers to GETs; empty when it does not cache them. */
    public java.util.Optional<Duration> responseCacheTtl() {
        return java.util.Optional.ofNullable(cacheTtl);
    }

    /** Unset limits mean "no limit of that kind"; strategy is fixed-window, sliding-window or token-bucket. */
    @Schema(name = "ResilienceRateLimits")
    public record RateLimits(Integer requestsPerSecond, Integer requestsPerMinute, Integer requestsPerHour,
                             Integer burstLimit, String strategy) {
    }

    /** backoffStrategy is linear or exponential. */
    public record RetryPolicy(int maxAttempts, String backoffStrategy, Duration baseDelay, Duration maxDelay) {
    }

    public record CircuitBreaker(int failureThreshold, Duration recoveryTimeout, Duration monitoringPeriod) {
    }
}
