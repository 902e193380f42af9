package com.penguinmails.hub.webhook.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** JSON shapes of the outbound webhook API. */
final class WebhookEndpointApi {

    private WebhookEndpointApi() {
    }

    static final String EVENT_PATTERN = "\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?";
    static final String DURATION = "\\d{1,9}(ms|s|m|h|d)|P[0-9A-Za-z.]{1,30}";

    /**
     * Create or replace an endpoint (the secret is not part of it: it is generated, and rotated on its own).
     *
     * @param eventTypes event types it takes: exact ({@code email.delivered}), {@code email.*} or {@code *}
     * @param headers    extra request headers sent with every delivery
     * @param retryPolicy overrides the default retry schedule
     * @param rateLimitPerSecond most deliveries per second, shared by every hub node; none by default
     * @param filters    conditions on payload fields per event type
     * @param ordered    deliver this endpoint's messages strictly one after another, in publishing order
     */
    record EndpointRequest(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 500) String description,
            @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = EVENT_PATTERN,
                    message = "must be an event type, prefix.* or *") @Size(max = 200) String> eventTypes,
            @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}", message = "must be a header name")
                    String, @NotNull @Size(max = 1000) @Pattern(regexp = "[^\\r\\n\\x00]*", message = "must be one line")
                    String> headers,
            @Valid RetryPolicyRequest retryPolicy,
            @Min(1) @Max(10000) Integer rateLimitPerSecond,
            @Size(max = 50) List<@Valid @NotNull FilterRequest> filters,
            Boolean enabled,
            Boolean ordered) {
    }

    /**
     * @param schedule          the delay before each attempt, e.g. {@code ["0s", "30s", "10m", "2h"]}; its length is the
     *                          number of attempts (1 to 20, each at most 1 day)
     * @param retryClientErrors whether other 4xx answers are retried (default true); 408, 425, 429 and 5xx always are
     */
    record RetryPolicyRequest(
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = DURATION, message = "must be a duration: 30s, 5m, PT1H")
                    String> schedule,
            Boolean retryClientErrors) {
    }

    record FilterRequest(
            @NotNull @Pattern(regexp = EVENT_PATTERN, message = "must be an event type, prefix.* or *") String eventType,
            @NotEmpty @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z0-9_.-]{1,200}", message = "must be a dotted path")
                    String, @NotNull Object> conditions) {
    }

    record RetryPolicyView(List<String> schedule, boolean retryClientErrors) {
    }

    record EndpointView(UUID id, String url, String description, List<String> eventTypes, Map<String, String> headers,
                        RetryPolicyView retryPolicy, Integer rateLimitPerSecond,
                        List<WebhookEndpoint.PayloadFilter> filters, boolean enabled, boolean ordered,
                        String disabledReason, Instant disabledAt, Instant failingSince, Instant lastSuccessAt,
                        Instant previousSecretValidUntil, Instant createdAt, Instant updatedAt) {
    }

    /** The answer to creation and rotation: the only place the secret ever appears. */
    record EndpointWithSecret(EndpointView endpoint, String secret) {

        @Override
        public String toString() {
            return "EndpointWithSecret[" + endpoint.id() + "]";
        }
    }

    record EndpointPage(List<EndpointView> endpoints, String nextCursor) {
    }

    /** @param overlap how long the previous secret keeps signing too (default 24h, at most 7d; 0s ends it at once) */
    record RotateRequest(@Pattern(regexp = DURATION, message = "must be a duration: 30s, 5m, PT1H") String overlap) {
    }

    record ReplayRequest(@NotNull Instant since) {
    }

    record AttemptView(UUID id, Instant attemptedAt, Integer status, long latencyMs, String responseBody,
                       String error) {
    }

    /** One message sent (or to be sent) to the endpoint, with every attempt. */
    @Schema(name = "WebhookMessageView")
    record MessageView(UUID id, String messageId, UUID eventId, String eventType, String state, int attempts,
                       Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt,
                       Instant finishedAt, JsonNode payload, List<AttemptView> attemptLog) {
    }

    record MessagePage(List<MessageView> messages, String nextCursor) {
    }

    /** A page of one message's attempts, newest first; {@code nextCursor} is absent on the last page. */
    record AttemptPage(List<AttemptView> attempts, String nextCursor) {
    }
}
