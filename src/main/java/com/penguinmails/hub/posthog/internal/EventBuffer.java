package com.penguinmails.hub.posthog.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded in-memory queue between the callers of {@code ProductAnalytics} and the batch sender.
 * Adding never blocks: when the buffer is full the event is dropped and counted, with a warning at
 * most once a minute (saying how many were dropped since the last one).
 */
class EventBuffer {

    private static final Logger log = LoggerFactory.getLogger(EventBuffer.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    private final BlockingQueue<QueuedEvent> queue;
    private final AnalyticsMetrics metrics;
    private final Clock clock;
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.MIN);
    private final AtomicLong droppedSinceWarning = new AtomicLong();

    EventBuffer(int capacity, AnalyticsMetrics metrics, Clock clock) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Adds the event unless the buffer is full; answers whether it was added. */
    boolean offer(QueuedEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        metrics.dropped("buffer_full", 1);
        droppedSinceWarning.incrementAndGet();
        Instant now = clock.instant();
        Instant last = lastWarning.get();
        if ((last == Instant.MIN || !now.isBefore(last.plus(WARNING_INTERVAL))) && lastWarning.compareAndSet(last, now)) {
            log.warn("The analytics buffer is full ({} events); dropped {} event(s) since the last warning",
                    queue.size() + queue.remainingCapacity(), droppedSinceWarning.getAndSet(0));
        }
        return false;
    }

    /**
     * Up to {@code max} events: waits up to {@code wait} for the first one, then keeps collecting until
     * {@code max} are there or {@code wait} has passed (the flush interval).
     */
    List<QueuedEvent> take(int max, Duration wait, java.util.function.BooleanSupplier keepWaiting)
            throws InterruptedException {
        List<QueuedEvent> batch = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos(); // a monotonic interval, not a time of day
        while (batch.size() < max) {
            queue.drainTo(batch, max - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= max || left <= 0 || !keepWaiting.getAsBoolean()) {
                break;
            }
            // short slices, so a stop request is noticed quickly
            QueuedEvent next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
        return batch;
    }

    /** Whatever is there now, up to {@code max}, without waiting. */
    List<QueuedEvent> drain(int max) {
        List<QueuedEvent> batch = new ArrayList<>();
        queue.drainTo(batch, max);
        return batch;
    }

    int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
