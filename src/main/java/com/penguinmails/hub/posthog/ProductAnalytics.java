package com.penguinmails.hub.posthog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The product-analytics client. Every method returns at once: the event joins a bounded in-memory
 * buffer that a background sender delivers to PostHog in batches. Delivery is <em>at most once</em>:
 * events still in memory are lost if the process dies, and events that do not fit in a full buffer,
 * or that PostHog refuses or keeps failing on, are dropped and counted
 * ({@code hub_posthog_events_dropped_total}). Never use it for anything that must not be lost.
 * Events of a tenant whose settings say {@code analyticsOptOut} are never sent.
 */
public interface ProductAnalytics {

    /** The PostHog group type tenants are reported as. */
    String ORGANIZATION = "organization";

    /** Queues an event; answers false when it was dropped (buffer full, or analytics not configured). */
    boolean capture(AnalyticsEvent event);

    /** {@code $identify}: sets the person properties of a user ({@code $set}), attached to the tenant's group if given. */
    default boolean identify(UUID userId, UUID tenantId, Map<String, Object> set) {
        return capture(new AnalyticsEvent("$identify", userId.toString(), Map.of("$set", set), null, tenantId));
    }

    /** {@code $groupidentify}: creates or updates the tenant's {@code organization} group with these properties. */
    default boolean group(UUID tenantId, Map<String, Object> properties) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("$group_type", ORGANIZATION);
        group.put("$group_key", tenantId.toString());
        group.put("$group_set", properties);
        return capture(new AnalyticsEvent("$groupidentify", AnalyticsEvent.organizationId(tenantId), group, null,
                tenantId));
    }

    /** The guide's {@code campaign_sent}: a user of the tenant sent a campaign to {@code recipientCount} recipients. */
    default boolean campaignSent(UUID tenantId, UUID userId, String campaignId, int recipientCount) {
        return capture(new AnalyticsEvent("campaign_sent", userId.toString(),
                Map.of("campaign_id", campaignId, "recipient_count", recipientCount), null, tenantId));
    }

    /**
     * The guide's {@code campaign_opened}, from a normalised email "opened" event: the tenant's campaign
     * was opened by a recipient (reported under the tenant, not as a person: recipients are not users).
     */
    default boolean campaignOpened(UUID tenantId, String campaignId, String recipientId, Instant openedAt) {
        return capture(new AnalyticsEvent("campaign_opened", AnalyticsEvent.organizationId(tenantId),
                Map.of("campaign_id", campaignId, "recipient_id", recipientId), openedAt, tenantId));
    }

    /** The guide's {@code support_button_click}: a user asked for help from {@code source} (e.g. {@code floating_button}). */
    default boolean supportButtonClick(UUID tenantId, UUID userId, String source) {
        return capture(new AnalyticsEvent("support_button_click", userId.toString(),
                Map.of("source", source, "user_id", userId.toString(), "tenant_id", tenantId.toString()), null,
                tenantId));
    }
}
