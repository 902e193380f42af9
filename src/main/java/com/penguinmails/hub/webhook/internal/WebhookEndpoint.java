package com.penguinmails.hub.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's webhook endpoint as stored. The secrets are sealed by the keyring (fields {@code secret}
 * and {@code previous_secret} of {@code webhook_endpoints}); {@code previousSecret} keeps signing until
 * {@code previousSecretUntil} after a rotation.
 */
record WebhookEndpoint(UUID tenantId, UUID id, String url, String description, List<String> eventTypes,
                       Map<String, String> headers, RetryPolicy retryPolicy, Integer rateLimitPerSecond,
                       List<PayloadFilter> filters, boolean enabled, boolean ordered, byte[] secret,
                       byte[] previousSecret, Instant previousSecretUntil, String disabledReason, Instant disabledAt,
                       Instant failingSince, Instant lastSuccessAt, Instant createdAt, Instant updatedAt) {

    /**
     * An endpoint's own retry schedule.
     *
     * @param schedule          delay before each attempt; its length is the number of attempts
     * @param retryClientErrors whether 4xx answers other than 408, 409, 425, 429 and 410 are retried
     */
    record RetryPolicy(List<Duration> schedule, boolean retryClientErrors) {
    }

    /**
     * Events of a type (exact, {@code prefix.*} or {@code *}) pass only when every condition holds: a
     * dotted path into the payload ({@code data.status}) equal to a value or to one of a list.
     */
    record PayloadFilter(String eventType, Map<String, Object> conditions) {
    }

    /** The settings a tenant chooses, for create and replace. */
    record Settings(String url, String description, List<String> eventTypes, Map<String, String> headers,
                    RetryPolicy retryPolicy, Integer rateLimitPerSecond, List<PayloadFilter> filters, boolean enabled,
                    boolean ordered) {
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + tenantId + "/" + id + " " + url + "]";
    }
}
