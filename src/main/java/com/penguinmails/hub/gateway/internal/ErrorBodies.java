package com.penguinmails.hub.gateway.internal;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import com.penguinmails.hub.gateway.ProviderResponse;

/** Reads providers' JSON error bodies leniently: anything unreadable is simply absent. */
@Component
class ErrorBodies {

    private final JsonMapper json;

    ErrorBodies(JsonMapper json) {
        this.json = json;
    }

    JsonNode read(ProviderResponse response) {
        if (response.body().length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(response.body());
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    /** The string at {@code node}, or null when it is absent or not a string. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
