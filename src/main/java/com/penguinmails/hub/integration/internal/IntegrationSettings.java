package com.penguinmails.hub.integration.internal;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The guide's settings objects of an integration, validated as they arrive. */
final class IntegrationSettings {

    private IntegrationSettings() {
    }

    /** The guide's RateLimitConfig. Unset limits mean "no limit of that kind". */
    @Schema(name = "IntegrationRateLimits")
    record RateLimits(
            @Min(1) @Max(100_000) Integer requestsPerSecond,
            @Min(1) @Max(6_000_000) Integer requestsPerMinute,
            @Min(1) @Max(360_000_000) Integer requestsPerHour,
            @Min(1) @Max(100_000) Integer burstLimit,
            @NotNull @Pattern(regexp = "fixed-window|sliding-window|token-bucket",
                    message = "must be one of fixed-window, sliding-window, token-bucket") String strategy) {

        static RateLimits defaults() {
            return new RateLimits(null, 600, 20_000, null, "token-bucket");
        }
    }

    /** The guide's RetryPolicy. Delays in milliseconds. */
    record RetryPolicy(
            @NotNull @Min(1) @Max(20) Integer maxAttempts,
            @NotNull @Pattern(regexp = "linear|exponential", message = "must be linear or exponential") String backoffStrategy,
            @NotNull @Min(1) @Max(3_600_000) Integer baseDelay,
            @NotNull @Min(1) @Max(86_400_000) Integer maxDelay) {

        static RetryPolicy defaults() {
            return new RetryPolicy(3, "exponential", 1_000, 60_000);
        }
    }

    /** The guide's CircuitBreakerConfig. Times in milliseconds. */
    record CircuitBreaker(
            @NotNull @Min(1) @Max(1_000) Integer failureThreshold,
            @NotNull @Min(100) @Max(86_400_000) Integer recoveryTimeout,
            @NotNull @Min(1_000) @Max(86_400_000) Integer monitoringPeriod) {

        static CircuitBreaker defaults() {
            return new CircuitBreaker(5, 60_000, 60_000);
        }
    }

    record ErrorHandling(@NotNull @Valid RetryPolicy retryPolicy, @NotNull @Valid CircuitBreaker circuitBreaker,
                         @NotNull Boolean notifyAdminsOnApiErrors) {

        static ErrorHandling defaults() {
            return new ErrorHandling(RetryPolicy.defaults(), CircuitBreaker.defaults(), true);
        }
    }

    /** How the integration's health is watched; thresholds decide degraded and unhealthy. */
    record Monitoring(
            @NotNull Boolean enabled,
            @NotNull @Min(10) @Max(86_400) Integer healthCheckIntervalSeconds,
            @NotNull @Min(1) @Max(600_000) Integer responseTimeThresholdMs,
            @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double errorRateThreshold) {

        static Monitoring defaults() {
            return new Monitoring(true, 300, 2_000, 0.05);
        }
    }

    /**
     * The guide's CacheConfig: a read-through cache of the provider's answers to GET requests, for
     * {@code ttl} seconds (size bounded hub-wide by {@code hub.gateway.response-cache-size}, LRU-like).
     */
    record Caching(@NotNull Boolean enabled, @NotNull @Min(1) @Max(86_400) Integer ttl) {

        static Caching defaults() {
            return new Caching(false, 60);
        }
    }

    /** An API endpoint of the provider the integration uses. */
    record Endpoint(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https://.+|http://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?",
                    message = "must be an https URL") String url,
            @NotNull @Pattern(regexp = "GET|POST|PUT|PATCH|DELETE", message = "must be an HTTP method") String method) {
    }

    record WebhookFilter(@NotBlank @Size(max = 200) String eventType, @Size(max = 50) Map<String, Object> conditions) {
    }

    /**
     * The guide's WebhookConfig. Its {@code secret} is write-only: stored sealed, answered as a hint.
     */
    record WebhookConfig(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, - and _ only") String id,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https://.+|http://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?",
                    message = "must be an https URL") String url,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 200) String> events,
            @Size(min = 16, max = 512) String secret,
            @Size(max = 20) Map<@Size(max = 100) String, @Size(max = 1000) String> headers,
            @Valid RetryPolicy retryPolicy,
            @Valid RateLimits rateLimit,
            @Size(max = 50) List<@Valid WebhookFilter> filters) {

        WebhookConfig withoutSecret() {
            return new WebhookConfig(id, url, events, null, headers, retryPolicy, rateLimit, filters);
        }
    }
}
