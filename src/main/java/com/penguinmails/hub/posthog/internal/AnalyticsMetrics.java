package com.penguinmails.hub.posthog.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of product analytics: {@code hub_posthog_buffer_events} (waiting in memory),
 * {@code hub_posthog_events_sent_total} (accepted by PostHog) and {@code hub_posthog_events_dropped_total} by {@code reason}: {@code buffer_full},
 * {@code opted_out}, {@code rejected} (PostHog refused the batch), {@code failed} (retries spent) and
 * {@code shutdown} (not sent before the shutdown timeout).
 */
@Component
class AnalyticsMetrics {

    private final MeterRegistry registry;

    AnalyticsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void bufferSize(EventBuffer buffer) {
        Gauge.builder("hub.posthog.buffer.events", buffer, EventBuffer::size)
                .description("Analytics events waiting in memory to be sent").register(registry);
    }

    void sent(int events) {
        Counter.builder("hub.posthog.events.sent").description("Analytics events PostHog accepted")
                .register(registry).increment(events);
    }

    void dropped(String reason, int events) {
        Counter.builder("hub.posthog.events.dropped").description("Analytics events never sent, by reason")
                .tag("reason", reason).register(registry).increment(events);
    }

    double droppedCount(String reason) {
        Counter counter = registry.find("hub.posthog.events.dropped").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
