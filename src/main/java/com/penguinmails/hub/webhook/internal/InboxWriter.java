package com.penguinmails.hub.webhook.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.DatabaseUnavailable;

/**
 * The inbox's group commit. A request thread hands its {@link Inbox.Arrival} over and waits; a
 * writer takes every request queued meanwhile (up to {@code write-batch} events) and stores them in
 * one transaction, one statement per tenant, with one commit and one WAL flush for all of them.
 * Each request is answered only after that commit: acknowledged still means stored. While one
 * writer waits for its commit, the next requests queue up for the other, so batches grow with the
 * load instead of the number of commits.
 *
 * <p>A batch that the database refuses for one request's data (say, a payload PostgreSQL cannot
 * store) is written again one request per transaction, so that only that request fails; any other
 * failure (the database down) fails the whole batch, whose requests then answer as they would alone.
 * Two batches can take the same keys or tokens in different orders and deadlock; PostgreSQL rolls one
 * back, and that one is written again (rows are taken in a fixed order, tenant by tenant, to make
 * this rare).
 * Outside its running phase (start-up, shutdown) the writer stores each request on the caller's
 * thread.
 *
 * <p>Waits are bounded. While the database cannot be reached, a batch fails once the pool's connection
 * timeout has passed, and every request queued behind it fails with it (it would wait for the same
 * unreachable database), so each request answers {@code 503} within about the connection timeout. A
 * request is never left waiting longer than the connection timeout plus the statement timeout: past
 * that it answers 503 too (whatever the batch does later, the request was not acknowledged).
 */
@Component
class InboxWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

    private record Pending(Inbox.Arrival arrival, CompletableFuture<OptionalInt> outcome) {
    }

    /** Tries of a batch that PostgreSQL chose as a deadlock's victim, before its requests are written one by one. */
    private static final int DEADLOCK_ATTEMPTS = 3;

    private final Inbox inbox;
    private final TenantTransactions transactions;
    private final WebhookProperties.Inbound settings;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final long longestWaitMillis;
    private volatile boolean running;

    InboxWriter(Inbox inbox, TenantTransactions transactions, WebhookProperties properties, PlatformProperties platform) {
        this.inbox = inbox;
        this.transactions = transactions;
        this.settings = properties.inbound();
        this.longestWaitMillis = platform.db().connectionTimeout().plus(platform.db().statementTimeout()).toMillis() + 1000;
    }

    /**
     * Stores the request's new events and returns once they are committed.
     *
     * @return how many of its events were new, or empty when its one-use token already served another
     *         event (nothing of it is stored then)
     */
    OptionalInt store(Inbox.Arrival arrival) {
        if (!running) {
            return alone(arrival);
        }
        Pending pending = new Pending(arrival, new CompletableFuture<>());
        queue.add(pending);
        if (!running && queue.remove(pending)) {
            return alone(arrival); // the writers ended meanwhile; taken by nobody
        }
        try {
            return pending.outcome().get(longestWaitMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            queue.remove(pending);
            throw new org.springframework.dao.QueryTimeoutException(
                    "the inbox did not store the request within " + longestWaitMillis + " ms",
                    new java.sql.SQLTransientConnectionException("inbox write timed out", "08006"));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the request was being stored", e);
        }
    }

    private OptionalInt alone(Inbox.Arrival arrival) {
        return transactions.inCurrentScope(() -> inbox.storeAll(List.of(arrival)).get(0));
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.arrival().events().size();
                Pending next;
                while (events < settings.writeBatch() && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.arrival().events().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // write(batch) completes every request it takes; this only guards the loop itself
                log.error("The inbox writer failed outside a batch", e);
                batch.forEach(p -> p.outcome().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<OptionalInt> outcomes;
        for (int attempt = 1; ; attempt++) {
            try {
                outcomes = transactions.inCurrentScope(() -> inbox.storeAll(batch.stream().map(Pending::arrival).toList()));
                break;
            } catch (PessimisticLockingFailureException deadlock) {
                // another writer's batch (on this node or another) took some of the same keys or tokens in another
                // order, and PostgreSQL rolled this transaction back: nothing of it is stored, so it is written again
                if (attempt < DEADLOCK_ATTEMPTS) {
                    continue;
                }
                if (batch.size() > 1) {
                    batch.forEach(pending -> write(List.of(pending)));
                } else {
                    batch.get(0).outcome().completeExceptionally(deadlock);
                }
                return;
            } catch (DataIntegrityViolationException refused) {
                if (batch.size() == 1) {
                    batch.get(0).outcome().completeExceptionally(refused);
                } else {
                    batch.forEach(pending -> write(List.of(pending)));
                }
                return;
            } catch (RuntimeException e) {
                batch.forEach(pending -> pending.outcome().completeExceptionally(e));
                if (DatabaseUnavailable.causedBy(e)) {
                    // what queued meanwhile would wait for the same unreachable database: it answers now
                    for (Pending waiting; (waiting = queue.poll()) != null; ) {
                        waiting.outcome().completeExceptionally(e);
                    }
                }
                return;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
        }
    }

    @Override
    public void start() {
        running = true;
        for (int n = 1; n <= Math.max(1, settings.writers()); n++) {
            Thread writer = new Thread(this::write, "webhook-inbox-writer-" + n);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Stops taking requests; what is queued is still written before the writers end. */
    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writers.clear();
        // a request that queued as the writers ended: stored on this thread
        for (Pending pending; (pending = queue.poll()) != null; ) {
            write(List.of(pending));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
