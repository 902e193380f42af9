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

    RefreshingDueConnections(Connections connections, KeepingTokensFresh tokens, TenantTransactions transactions,
                             OAuthProperties properties, TaskScheduler scheduler, Clock clock) {
        this.connections = connections;
        this.tokens = tokens;
        this.transactions = transactions;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
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

    @Override
    public int run() {
        Instant now = clock.instant();
        List<Connections.Key> due = transactions.inCurrentScope(() -> connections.due(now,
                properties.refreshAhead().toSeconds(), properties.idleRefresh().toSeconds(),
                properties.refreshBatchSize()));
        int refreshed = 0;
        for (Connections.Key key : due) {
            Instant checked = clock.instant();
            KeepingTokensFresh.Outcome outcome = tokens.refresh(key.tenantId(), key.id(), c -> "active".equals(c.status())
                    && c.refreshToken() != null
                    && (c.refreshNotBefore() == null || !c.refreshNotBefore().isAfter(checked))
                    && (c.accessExpiresAt() == null
                    || !c.accessExpiresAt().isAfter(checked.plus(properties.refreshAhead()))
                    || !c.lastRefreshedAt().isAfter(checked.minus(properties.idleRefresh()))));
            if (outcome instanceof KeepingTokensFresh.Refreshed) {
                refreshed++;
            }
        }
        return refreshed;
    }
}
