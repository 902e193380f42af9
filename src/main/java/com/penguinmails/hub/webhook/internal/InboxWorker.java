package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.work.PollingLoop;
import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.InboundEventProcessor;

/**
 * Processes stored inbound events after they were acknowledged. Events are leased through
 * {@code claim_webhook_inbox} ({@code FOR UPDATE SKIP LOCKED}), so any number of nodes share the
 * work and an event leased by a node that died is taken again when its lease ends. Each event is
 * processed in its tenant's transaction together with its "done" mark, holding the row's lock from
 * the start, so an event whose lease ran out mid-batch is never processed by two workers at once
 * (the second skips or waits for the row, then finds it done); a failure is recorded in a
 * separate transaction and retried with exponential backoff until parked as {@code failed}.
 * {@code workers} loops per node each lease their own batch; events that touch the same rows (one
 * recipient's events) serialise on those rows' locks, and their effects do not depend on arrival order.
 */
@Component
class InboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

    private final Inbox inbox;
    private final List<InboundEventProcessor> processors;
    private final TenantTransactions transactions;
    private final WebhookProperties.Inbound settings;
    private final Clock clock;
    private final List<PollingLoop> loops;

    InboxWorker(Inbox inbox, List<InboundEventProcessor> processors, TenantTransactions transactions,
                WebhookProperties properties, Clock clock) {
        this.inbox = inbox;
        this.processors = processors;
        this.transactions = transactions;
        this.settings = properties.inbound();
        this.clock = clock;
        this.loops = java.util.stream.IntStream.rangeClosed(1, Math.max(1, settings.workers()))
                .mapToObj(n -> new PollingLoop("webhook-inbox-worker-" + n, this::runOnce, settings.pollInterval()))
                .toList();
    }

    /** Asks the worker to look for new events now rather than at its next poll. */
    void nudge() {
        loops.forEach(PollingLoop::nudge);
    }

    /** Leases and processes one batch; answers how many events it handled. */
    int runOnce() {
        List<Inbox.Claimed> claimed = transactions.inCurrentScope(() -> inbox.claim(clock.instant(),
                (int) settings.lease().toSeconds(), settings.batchSize()));
        for (Inbox.Claimed event : claimed) {
            process(event);
        }
        return claimed.size();
    }

    private void process(Inbox.Claimed claimed) {
        try {
            transactions.inTenant(claimed.tenantId(), () -> {
                Optional<Inbox.Stored> stored = inbox.lockForProcessing(claimed.tenantId(), claimed.id());
                if (stored.isEmpty() || !"pending".equals(stored.get().state())) {
                    return;
                }
                InboundEvent event = stored.get().event();
                Optional<InboundEventProcessor> processor = processors.stream()
                        .filter(p -> p.supports(event.provider(), event.type())).findFirst();
                if (processor.isEmpty()) {
                    inbox.finish(event.tenantId(), event.id(), "ignored", clock.instant());
                    return;
                }
                if (InboundEvent.PLATFORM_TENANT.equals(event.tenantId())) {
                    Optional<java.util.UUID> owner = processor.get().owningTenant(event);
                    if (owner.isPresent() && inbox.routeToTenant(event.id(), owner.get())) {
                        nudge(); // processed next round, in its tenant's scope
                    } else {
                        inbox.finish(event.tenantId(), event.id(), "ignored", clock.instant());
                    }
                    return;
                }
                processor.get().process(event);
                inbox.finish(event.tenantId(), event.id(), "done", clock.instant());
            });
        } catch (RuntimeException e) {
            recordFailure(claimed, e);
        }
    }

    private void recordFailure(Inbox.Claimed claimed, RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        try {
            String state = transactions.inTenant(claimed.tenantId(), () -> {
                int attempt = inbox.lockForProcessing(claimed.tenantId(), claimed.id()).map(s -> s.event().attempt()).orElse(0) + 1;
                Instant next = clock.instant().plus(backoff(attempt));
                return inbox.failedAttempt(claimed.tenantId(), claimed.id(),
                        error.length() > 2000 ? error.substring(0, 2000) : error, next, settings.maxAttempts());
            });
            log.warn("Inbound event {} failed ({}), now {}", claimed.id(), error, state);
        } catch (RuntimeException again) {
            log.error("Could not record the failure of inbound event {}; its lease will expire and it runs again",
                    claimed.id(), again);
        }
    }

    Duration backoff(int attempt) {
        long millis = settings.retryBase().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.retryMax().toMillis()));
    }

    @Override
    public void start() {
        loops.forEach(PollingLoop::start);
    }

    @Override
    public void stop() {
        loops.forEach(PollingLoop::stop);
    }

    @Override
    public boolean isRunning() {
        return loops.get(0).isRunning();
    }
}
