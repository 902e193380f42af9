package com.penguinmails.hub.webhook.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.webhook.WebhookEventType;
import com.penguinmails.hub.webhook.WebhookEventTypes;

/** Every outbound event type the modules declared through {@link WebhookEventTypes} beans. */
@Component
class EventCatalogue {

    private final Map<String, WebhookEventType> types;

    EventCatalogue(List<WebhookEventTypes> declarations) {
        Map<String, WebhookEventType> all = new TreeMap<>();
        for (WebhookEventTypes declaration : declarations) {
            for (WebhookEventType type : declaration.eventTypes()) {
                if (all.putIfAbsent(type.type(), type) != null) {
                    throw new IllegalStateException("Webhook event type " + type.type() + " is declared twice");
                }
            }
        }
        this.types = Collections.unmodifiableMap(all);
    }

    Optional<WebhookEventType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    List<WebhookEventType> all() {
        return List.copyOf(types.values());
    }
}
