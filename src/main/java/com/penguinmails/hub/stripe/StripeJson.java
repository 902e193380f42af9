package com.penguinmails.hub.stripe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/** Small readers of Stripe's JSON: absent and null members read as null, expanded objects as their id. */
final class StripeJson {

    private StripeJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    /** A reference that may be an id or an expanded object. */
    static String id(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isObject() ? text(value, "id") : value.isValueNode() ? value.asString() : null;
    }

    static Instant epoch(JsonNode value) {
        return value != null && value.isIntegralNumber() ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> {
                if (item.isString()) {
                    values.add(item.asString());
                }
            });
        }
        return values;
    }

    static Map<String, String> metadata(JsonNode object) {
        Map<String, String> values = new TreeMap<>();
        JsonNode metadata = object.path("metadata");
        if (metadata.isObject()) {
            for (var entry : metadata.properties()) {
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                    values.put(entry.getKey(), entry.getValue().asString());
                }
            }
        }
        return values;
    }
}
