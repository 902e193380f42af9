package com.penguinmails.hub.oauth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.oauth.TokenRefreshJob;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Every {@code refresh-interval}, on every node: connections whose access token expires within
 * {@code refresh-ahead} or that were not refreshed for {@code idle-refresh} are found across tenants
 * through {@code due_oauth_refreshes} (an owner-defined function answering keys only) and refreshed,
 * each inside its tenant's scope and under the connection's lease, so two nodes never refresh one
 * connection twice.
 */
@Component
class RefreshingDueConnections implements TokenRefreshJob {

    private static final Logger log = LoggerFactory.getLogger(RefreshingDueConnections.class);

    private final Connections connections;
    private final KeepingTokensFresh tokens;
    private final TenantTransactions transactions;
    private final OAuthProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final java.util.concurrent.ExecutorService refreshers;

    RefreshingDueConnections(Connections connections, KeepingTokensFresh tokens, TenantTransactions transactions,
                             OAuthProperties properties, TaskScheduler scheduler, Clock clock) {
        this.connections = connections;
        this.tokens = tokens;
        this.transactions = transactions;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
        java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
        this.refreshers = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, properties.refreshConcurrency()), r -> {
            Thread thread = new Thread(r, "oauth-refresher-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::runSafely, clock.instant().plus(properties.refreshInitialDelay()),
                properties.refreshInterval());
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            log.error("OAuth token refresh run failed; it will run again", e);
        }
    }

    /**
     * Refreshes every due connection: batches of {@code refresh-batch-size} are fetched until none is
     * left (so a crowd of connections falling due together is not spread over many intervals), each
     * batch refreshed by {@code refresh-concurrency} threads. Every connection is refreshed under its
     * lease, so several passes or nodes never refresh one twice.
     */
    @Override
    public int run() {
        int refreshed = 0;
        java.util.Set<Connections.Key> seen = new java.util.HashSet<>();
        while (true) {
            Instant now = clock.instant();
            List<Connections.Key> due = transactions.inCurrentScope(() -> connections.due(now,
                    properties.refreshAhead().toSeconds(), properties.idleRefresh().toSeconds(),
                    properties.refreshBatchSize()));
            List<Connections.Key> fresh = due.stream().filter(seen::add).toList();
            if (fresh.isEmpty()) {
                return refreshed;
            }
            refreshed += refreshAll(fresh);
            if (due.size() < properties.refreshBatchSize()) {
                return refreshed;
            }
        }
    }

    private int refreshAll(List<Connections.Key> keys) {
        java.util.concurrent.atomic.AtomicInteger refreshed = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> running = keys.stream()
                .map(key -> refreshers.submit(() -> {
                    if (refreshOne(key) instanceof KeepingTokensFresh.Refreshed) {
                        refreshed.incrementAndGet();
                    }
                })).collect(java.util.stream.Collectors.toList());
        for (java.util.concurrent.Future<?> refresh : running) {
            try {
                refresh.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("Refreshing a connection failed unexpectedly; it is tried again on the next pass", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return refreshed.get();
    }

    private KeepingTokensFresh.Outcome refreshOne(Connections.Key key) {
        Instant checked = clock.instant();
        return tokens.refresh(key.tenantId(), key.id(), c -> "active".equals(c.status())
                && c.refreshToken() != null
                && (c.refreshNotBefore() == null || !c.refreshNotBefore().isAfter(checked))
                && (c.accessExpiresAt() == null
                || !c.accessExpiresAt().isAfter(checked.plus(properties.refreshAhead()))
                || !c.lastRefreshedAt().isAfter(checked.minus(properties.idleRefresh()))));
    }

    @jakarta.annotation.PreDestroy
    void close() {
        refreshers.shutdownNow();
    }
}
