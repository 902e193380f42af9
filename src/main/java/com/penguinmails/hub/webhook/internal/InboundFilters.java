package com.penguinmails.hub.webhook.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.integration.IntegrationRegistry.EventFilter;
import com.penguinmails.hub.integration.IntegrationRegistry.WebhookSubscription;

/**
 * Whether an inbound event passes the integration's webhook configs: with none, everything passes;
 * otherwise some config must take the event's type (exact, {@code *}, or a {@code prefix.*}
 * wildcard), and if that config has filters for the type, one of them must match: every condition
 * (a dotted path into the event's JSON) equal to its value, or to one of a list of values.
 */
final class InboundFilters {

    private InboundFilters() {
    }

    static boolean accepts(List<WebhookSubscription> subscriptions, String type, JsonNode event) {
        if (subscriptions.isEmpty()) {
            return true;
        }
        for (WebhookSubscription subscription : subscriptions) {
            if (subscription.events().stream().noneMatch(pattern -> typeMatches(pattern, type))) {
                continue;
            }
            List<EventFilter> applicable = subscription.filters().stream()
                    .filter(f -> typeMatches(f.eventType(), type)).toList();
            if (applicable.isEmpty() || applicable.stream().anyMatch(f -> conditionsHold(f.conditions(), event))) {
                return true;
            }
        }
        return false;
    }

    static boolean typeMatches(String pattern, String type) {
        if ("*".equals(pattern) || pattern.equals(type)) {
            return true;
        }
        return pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    static boolean conditionsHold(Map<String, Object> conditions, JsonNode event) {
        for (Map.Entry<String, Object> condition : conditions.entrySet()) {
            JsonNode node = event;
            for (String part : condition.getKey().split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node == null || node.isNull() || !matches(condition.getValue(), node)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Object expected, JsonNode actual) {
        if (expected instanceof Collection<?> options) {
            return options.stream().anyMatch(option -> matches(option, actual));
        }
        String text = actual.isValueNode() ? actual.asString() : actual.toString();
        return Objects.equals(String.valueOf(expected), text);
    }
}
