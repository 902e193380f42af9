package com.penguinmails.hub.posthog.internal;

import java.time.Clock;
import java.util.UUID;

import com.penguinmails.hub.posthog.AnalyticsEvent;
import com.penguinmails.hub.posthog.ProductAnalytics;

/** Puts events in the buffer, stamped with their time and de-duplication id; never waits. */
class CapturingAnalytics implements ProductAnalytics {

    private final EventBuffer buffer;
    private final PostHogProperties properties;
    private final Clock clock;

    CapturingAnalytics(EventBuffer buffer, PostHogProperties properties, Clock clock) {
        this.buffer = buffer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean capture(AnalyticsEvent event) {
        if (!properties.enabled()) {
            return false;
        }
        return buffer.offer(new QueuedEvent(event, UUID.randomUUID(),
                event.timestamp() != null ? event.timestamp() : clock.instant()));
    }
}
