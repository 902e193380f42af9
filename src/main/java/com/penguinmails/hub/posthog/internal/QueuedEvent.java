package com.penguinmails.hub.posthog.internal;

import java.time.Instant;
import java.util.UUID;

import com.penguinmails.hub.posthog.AnalyticsEvent;

/**
 * An event waiting in the buffer, with the {@code uuid} PostHog de-duplicates on (the same on every
 * attempt of its batch) and the time it is reported at.
 */
record QueuedEvent(AnalyticsEvent event, UUID uuid, Instant timestamp) {
}
