package com.penguinmails.hub.posthog.internal;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.posthog.AnalyticsEvent;
import com.penguinmails.hub.posthog.ProductAnalytics;

/**
 * The JSON of {@code POST /batch/} (docs/PROVIDERS.md 4.1): the project key in the body, each event with
 * its {@code uuid}, {@code distinct_id} (also in its properties, as PostHog's SDKs send it), ISO-8601
 * timestamp, and {@code $groups} naming the tenant's organisation. Events that no person did skip
 * person processing.
 */
final class BatchBodies {

    static final String LIBRARY = "penguinmails-hub";

    private BatchBodies() {
    }

    static byte[] of(String apiKey, List<QueuedEvent> events, JsonMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_key", apiKey);
        body.put("historical_migration", false);
        body.put("batch", events.stream().map(BatchBodies::event).toList());
        return json.writeValueAsBytes(body);
    }

    private static Map<String, Object> event(QueuedEvent queued) {
        AnalyticsEvent event = queued.event();
        Map<String, Object> properties = new LinkedHashMap<>(event.properties());
        properties.put("distinct_id", event.distinctId());
        properties.putIfAbsent("$lib", LIBRARY);
        if (event.tenantId() != null) {
            properties.putIfAbsent("$groups", Map.of(ProductAnalytics.ORGANIZATION, event.tenantId().toString()));
        }
        if (event.distinctId().startsWith("organization:")) {
            properties.putIfAbsent("$process_person_profile", false);
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("event", event.event());
        item.put("uuid", queued.uuid().toString());
        item.put("distinct_id", event.distinctId());
        item.put("properties", properties);
        item.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(queued.timestamp()));
        return item;
    }
}
