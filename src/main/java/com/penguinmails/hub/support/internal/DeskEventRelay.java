package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.work.PollingLoop;
import com.penguinmails.hub.webhook.OutboundEvents;

/**
 * Relays the desk's events ({@link DeskEvents}) to the desk tenant's webhook endpoints. A ticket's
 * transaction cannot publish into another tenant (its scope is the ticket's tenant), so the event
 * waits in the outbox; each pass claims due rows with a lease and, per row, publishes and deletes it
 * in one transaction of the desk tenant — a row is published once, whatever the number of nodes. With
 * no desk tenant chosen (any more) the row is dropped; a row that keeps failing is dropped after
 * {@value #MAX_ATTEMPTS} attempts, with an error in the log. The relay runs on its own thread, woken
 * when a transaction that queued an event commits and otherwise every {@code hub.support.desk-events.interval}
 * (which also picks up what a node that died left behind, once its lease ends).
 */
@Component
class DeskEventRelay implements SmartLifecycle {

    static final int MAX_ATTEMPTS = 10;
    private static final int LEASE_SECONDS = 60;
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(DeskEventRelay.class);

    private final DeskEvents deskEvents;
    private final DeskSettings settings;
    private final OutboundEvents events;
    private final TenantTransactions transactions;
    private final PollingLoop loop;

    DeskEventRelay(DeskEvents deskEvents, DeskSettings settings, OutboundEvents events, TenantTransactions transactions,
                   Clock clock, @Value("${hub.support.desk-events.interval:5s}") java.time.Duration interval) {
        this.deskEvents = deskEvents;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
        this.loop = new PollingLoop("support-desk-events", () -> runOnce(clock.instant()), interval);
    }

    /** Wakes the relay once the running transaction commits (call it where an event is queued). */
    void nudgeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    loop.nudge();
                }
            });
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** One pass at {@code now}; answers how many events it claimed. */
    int runOnce(Instant now) {
        List<DeskEvents.Claimed> due = transactions.inCurrentScope(() -> deskEvents.claim(now, LEASE_SECONDS, BATCH));
        if (due.isEmpty()) {
            return 0;
        }
        Optional<UUID> desk = transactions.inCurrentScope(settings::deskTenant);
        for (DeskEvents.Claimed event : due) {
            try {
                if (desk.isEmpty()) {
                    transactions.inCurrentScope(() -> deskEvents.finish(event));
                    log.info("Desk event {} dropped: no desk tenant is chosen", event.id());
                    continue;
                }
                transactions.inTenant(desk.get(), () -> {
                    events.publish(desk.get(), event.eventType(), event.data());
                    if (!deskEvents.finish(event)) {
                        throw new IllegalStateException("Desk event " + event.id() + " was relayed by another node");
                    }
                });
            } catch (RuntimeException e) {
                if (event.attempts() >= MAX_ATTEMPTS) {
                    transactions.inCurrentScope(() -> deskEvents.finish(event));
                    log.error("Desk event {} ({}) dropped after {} attempts", event.id(), event.eventType(),
                            event.attempts(), e);
                } else {
                    log.warn("Desk event {} not relayed; retried when its lease ends", event.id(), e);
                }
            }
        }
        return due.size();
    }
}
