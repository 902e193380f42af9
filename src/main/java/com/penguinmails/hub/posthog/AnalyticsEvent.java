package com.penguinmails.hub.posthog;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One product-analytics event as PostHog takes it.
 *
 * @param event      the event name, e.g. {@code campaign_sent}, or PostHog's {@code $identify} / {@code $groupidentify}
 * @param distinctId who did it: a user id, or {@code organization:<tenantId>} for things no person did
 * @param properties the event's properties (JSON values); {@code $groups} is added from {@code tenantId}
 * @param timestamp  when it happened; null means when it is captured
 * @param tenantId   the tenant (PostHog {@code organization} group) it belongs to; null for events
 *                   outside any tenant (sign-up). A tenant that opted out is never sent.
 */
public record AnalyticsEvent(String event, String distinctId, Map<String, Object> properties, Instant timestamp,
                             UUID tenantId) {

    public AnalyticsEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(distinctId, "distinctId");
        properties = properties == null ? Map.of() : properties;
    }

    /** The distinct id of events that belong to a tenant but to no person (they skip person processing). */
    public static String organizationId(UUID tenantId) {
        return "organization:" + tenantId;
    }
}
