package com.penguinmails.hub.webhook;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of the outbound event catalogue.
 *
 * @param type        {@code <thing>.<what happened>}, lower case: {@code email.delivered}
 * @param description what it means, for the tenant's developers
 * @param dataSchema  a JSON Schema of the payload's {@code data} member
 */
public record WebhookEventType(String type, String description, Map<String, Object> dataSchema) {

    public WebhookEventType {
        Objects.requireNonNull(type, "type");
        if (!type.matches("[a-z0-9_]+(\\.[a-z0-9_]+)+")) {
            throw new IllegalArgumentException("Event types look like thing.happened: " + type);
        }
        Objects.requireNonNull(description, "description");
        dataSchema = dataSchema == null ? Map.of("type", "object") : Map.copyOf(dataSchema);
    }
}
