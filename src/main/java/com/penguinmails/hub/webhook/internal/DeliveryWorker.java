package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Delivers outbound webhooks on every node. A dispatcher thread claims due deliveries through
 * {@code claim_webhook_deliveries} (each held by a slot of its endpoint for {@code lease}; claims of all
 * nodes take turns, V46) — never more than there are free workers, and never more than
 * {@code max-in-flight-per-endpoint} of one endpoint across all nodes — and hands each to a bounded pool
 * of {@code workers} threads. So a slow
 * endpoint holds at most that many workers while the others keep flowing, and a node that dies loses
 * nothing: its leases run out and another node claims the deliveries again.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    static final int GATHER_MILLIS = 5;

    private final Deliveries deliveries;
    private final Delivering delivering;
    private final DeliverySuccesses successes;
    private final DeliverySignal signal;
    private final TenantTransactions transactions;
    private final WebhookProperties.Outbound settings;
    private final Clock clock;
    private volatile Semaphore slots;
    private volatile ThreadPoolExecutor pool;
    private volatile Thread dispatcher;
    private volatile boolean running;

    DeliveryWorker(Deliveries deliveries, Delivering delivering, DeliverySuccesses successes, DeliverySignal signal, TenantTransactions transactions,
                   WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.delivering = delivering;
        this.successes = successes;
        this.signal = signal;
        this.transactions = transactions;
        this.settings = properties.outbound();
        this.clock = clock;
    }

    /** Claims as many due deliveries as there are free workers and starts them; answers how many. */
    int dispatchOnce() {
        Semaphore free = slots;
        gatherFreeWorkers(free);
        int available = free.availablePermits();
        if (available == 0) {
            return 0;
        }
        List<Deliveries.Claimed> claimed = transactions.inCurrentScope(() -> deliveries.claim(clock.instant(),
                (int) settings.lease().toSeconds(), available, settings.maxInFlightPerEndpoint()));
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        claimed.forEach(c -> byTenant.computeIfAbsent(c.tenantId(), t -> new ArrayList<>()).add(c.id()));
        byTenant.forEach((tenant, ids) -> delivering.prepare(tenant, ids).forEach(job -> start(free, job)));
        return claimed.size();
    }

    /**
     * Under load each finished delivery wakes the dispatcher; claiming for one or two free workers at a
     * time would run the claim query once per delivery. So when fewer than a quarter of the workers
     * are free, wait up to {@value #GATHER_MILLIS} ms for that many before claiming. (A claim reads every
     * open endpoint's due range whatever its size, so larger claims cost less per delivery: a quarter
     * instead of an eighth raised hub / bare in the benchmark from 0.76–0.77 to 0.79–0.82.)
     */
    private void gatherFreeWorkers(Semaphore free) {
        int floor = Math.max(1, settings.workers() / 4);
        if (free.availablePermits() >= floor) {
            return;
        }
        try {
            if (free.tryAcquire(floor, GATHER_MILLIS, TimeUnit.MILLISECONDS)) {
                free.release(floor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(Semaphore free, Delivering.Job job) {
        free.acquireUninterruptibly();
        try {
            pool.execute(() -> {
                try {
                    delivering.deliver(job);
                } catch (RuntimeException e) {
                    log.error("Delivery {} failed unexpectedly; its lease will expire", job.work().id(), e);
                } finally {
                    free.release();
                    signal.nudge();
                }
            });
        } catch (RuntimeException rejected) {
            free.release(); // the pool is shutting down: the lease expires and the delivery is claimed again
        }
    }

    private void loop() {
        while (running) {
            try {
                if (dispatchOnce() == 0) {
                    signal.await(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("Webhook delivery dispatch failed; retrying", e);
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        slots = new Semaphore(settings.workers());
        pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "webhook-delivery-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        running = true;
        successes.start();
        dispatcher = new Thread(this::loop, "webhook-delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Graceful: no new claims, in-flight deliveries finish (up to the request timeout). */
    @Override
    public synchronized void stop() {
        halt(false);
    }

    /**
     * Abrupt, as if the node died: in-flight requests are interrupted and record nothing; their leases
     * run out and the deliveries are claimed again (for crash-safety tests).
     */
    synchronized void crash() {
        halt(true);
    }

    private void halt(boolean abruptly) {
        running = false;
        Thread current = dispatcher;
        if (current != null) {
            current.interrupt();
            join(current);
        }
        ThreadPoolExecutor workers = pool;
        if (workers != null) {
            if (abruptly) {
                workers.shutdownNow();
            } else {
                workers.shutdown();
            }
            try {
                workers.awaitTermination(settings.requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        successes.stop(!abruptly);
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
