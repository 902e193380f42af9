package com.penguinmails.hub.webhook.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Records successful deliveries in batches: workers hand their successes over and go on; one
 * recorder thread writes whatever has gathered (up to {@value #BATCH}) with one transaction per
 * tenant — the attempts in one insert, the deliveries in one update, each endpoint's
 * {@code last_success_at} once. Until a success is recorded its delivery stays leased; if the node
 * dies first, the lease runs out and the message is sent again (at least once, never lost).
 */
@Component
class DeliverySuccesses {

    private static final Logger log = LoggerFactory.getLogger(DeliverySuccesses.class);
    static final int BATCH = 500;

    private record Handed(UUID tenantId, Deliveries.Success success) {
    }

    private final Deliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final TenantTransactions transactions;
    private final DeliverySignal signal;
    private final LinkedBlockingQueue<Handed> queue = new LinkedBlockingQueue<>();
    private volatile Thread recorder;
    private volatile boolean running;

    DeliverySuccesses(Deliveries deliveries, WebhookEndpoints endpoints, TenantTransactions transactions,
                      DeliverySignal signal) {
        this.signal = signal;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.transactions = transactions;
    }

    void add(Deliveries.Success success, UUID tenantId) {
        queue.add(new Handed(tenantId, success));
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        recorder = new Thread(this::loop, "webhook-delivery-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    /** Stops the recorder; with {@code flush} what has gathered is written first, else it is dropped (a crash). */
    synchronized void stop(boolean flush) {
        running = false;
        Thread current = recorder;
        if (current != null) {
            current.interrupt();
            try {
                current.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (flush) {
            while (!queue.isEmpty()) {
                recordSafely(drain(null));
            }
        } else {
            queue.clear();
        }
    }

    private void loop() {
        while (running) {
            try {
                Handed first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    recordSafely(drain(first));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private List<Handed> drain(Handed first) {
        List<Handed> batch = new ArrayList<>(BATCH);
        if (first != null) {
            batch.add(first);
        }
        queue.drainTo(batch, BATCH - batch.size());
        return batch;
    }

    private void recordSafely(List<Handed> batch) {
        Map<UUID, List<Deliveries.Success>> byTenant = new LinkedHashMap<>();
        batch.forEach(h -> byTenant.computeIfAbsent(h.tenantId(), t -> new ArrayList<>()).add(h.success()));
        byTenant.forEach((tenant, done) -> {
            try {
                record(tenant, done);
            } catch (RuntimeException e) {
                log.error("Could not record {} successful deliveries of tenant {}; their leases will expire and "
                        + "they are sent again", done.size(), tenant, e);
            }
        });
        signal.nudge(); // their endpoints have room for more in-flight deliveries now
    }

    void record(UUID tenantId, List<Deliveries.Success> done) {
        Instant latest = done.stream().map(Deliveries.Success::finishedAt).max(Instant::compareTo).orElseThrow();
        transactions.inTenant(tenantId, () -> {
            deliveries.delivered(tenantId, done);
            endpoints.succeeded(tenantId, done.stream().map(Deliveries.Success::endpointId).distinct().toList(), latest);
        });
    }
}
