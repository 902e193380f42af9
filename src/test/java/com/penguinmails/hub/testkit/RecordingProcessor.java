package com.penguinmails.hub.testkit;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;

import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.InboundEventProcessor;

/**
 * A processor for the inbound events of {@code custom} integrations in tests: {@code test.ok}
 * events are counted per event id, {@code test.fail} events always throw, {@code test.flaky}
 * events throw on their first attempt, {@code test.slow} events take longer than the suite's inbox
 * lease (so other worker loops see the lease run out while the event is still being processed). Part of the one shared test context.
 */
@TestComponent
public class RecordingProcessor implements InboundEventProcessor {

    /** How long a {@code test.slow} event takes: beyond the suite's 2 s inbox lease. */
    public static final java.time.Duration SLOW = java.time.Duration.ofMillis(3500);

    private final Map<UUID, AtomicInteger> effects = new ConcurrentHashMap<>();

    @Override
    public boolean supports(String provider, String eventType) {
        return "custom".equals(provider) && eventType.startsWith("test.");
    }

    @Override
    public void process(InboundEvent event) {
        switch (event.type()) {
            case "test.fail" -> throw new IllegalStateException("processor refused " + event.dedupKey());
            case "test.flaky" -> {
                if (event.attempt() == 0) {
                    throw new IllegalStateException("first attempt fails");
                }
            }
            case "test.slow" -> {
                try {
                    Thread.sleep(SLOW.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            default -> { }
        }
        effects.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    public int effectsOf(UUID eventId) {
        AtomicInteger count = effects.get(eventId);
        return count == null ? 0 : count.get();
    }
}
