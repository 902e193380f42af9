package com.penguinmails.hub.webhook.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.webhook.WebhookEventType;
import com.penguinmails.hub.webhook.WebhookEventTypes;

/**
 * The event types the webhook module publishes itself. {@code integration.status_changed} is listed
 * here rather than in the integration module because the integration module must not depend on this
 * one (this one already depends on it); {@link IntegrationStatusWebhooks} publishes it.
 */
@Component
class OwnEventTypes implements WebhookEventTypes {

    static final String ENDPOINT_DISABLED = "endpoint.disabled";
    static final String TEST = "webhook.test";
    static final String INTEGRATION_STATUS_CHANGED = "integration.status_changed";

    private static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        return Map.of("$schema", "https://json-schema.org/draft/2020-12/schema", "type", "object",
                "properties", properties, "required", required);
    }

    @Override
    public List<WebhookEventType> eventTypes() {
        return List.of(
                new WebhookEventType(ENDPOINT_DISABLED, "One of the tenant's webhook endpoints was disabled: it answered "
                        + "410 Gone, or failed without a single success for the configured period. Sent to the tenant's "
                        + "other endpoints.", object(Map.of(
                                "endpointId", Map.of("type", "string", "format", "uuid"),
                                "url", string("the endpoint's URL"),
                                "reason", string("why it was disabled"),
                                "failingSince", Map.of("type", List.of("string", "null"),
                                        "format", "date-time"),
                                "disabledAt", Map.of("type", "string", "format", "date-time")),
                        List.of("endpointId", "url", "reason", "disabledAt"))),
                new WebhookEventType(TEST, "A test event sent on request (POST …/webhook-endpoints/{id}/test) to check "
                        + "that an endpoint receives and verifies deliveries.", object(Map.of(
                                "endpointId", Map.of("type", "string", "format", "uuid"),
                                "message", string("a fixed greeting")),
                        List.of("endpointId", "message"))),
                new WebhookEventType(INTEGRATION_STATUS_CHANGED, "An integration of the tenant changed status "
                        + "(e.g. active to error after an authentication failure).", object(Map.of(
                                "integrationId", Map.of("type", "string", "format", "uuid"),
                                "provider", string("mailgun, sendgrid, stripe, …"),
                                "from", Map.of("type", "string", "enum",
                                        List.of("active", "inactive", "error", "maintenance", "deprecated")),
                                "to", Map.of("type", "string", "enum",
                                        List.of("active", "inactive", "error", "maintenance", "deprecated")),
                                "changedBy", string("who changed it: member, admin, system, health_check"),
                                "reason", string("why, when given"),
                                "at", Map.of("type", "string", "format", "date-time")),
                        List.of("integrationId", "provider", "from", "to", "at"))));
    }
}
