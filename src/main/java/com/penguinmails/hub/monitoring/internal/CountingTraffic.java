package com.penguinmails.hub.monitoring.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.ProviderCallCompleted;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Counts every provider call of an integration (the gateway's {@link ProviderCallCompleted}) in
 * memory per minute, and adds the counts to {@code integration_traffic} every
 * {@code hub.monitoring.traffic-flush-interval} (and before each health check), so health and trends
 * rest on the real traffic of all nodes. A call the caller got wrong ({@code data_error}: a 400 or
 * 404 it asked for) counts as a request, not as a failure of the provider.
 */
@Component
class CountingTraffic {

    private static final Logger log = LoggerFactory.getLogger(CountingTraffic.class);

    private record Key(UUID tenantId, UUID integrationId, Instant minute) {
    }

    private static final class Tally {
        private long requests;
        private long failures;
        private long quotaFailures;
        private long totalMs;
        private long maxMs;
        private boolean closed;
    }

    private final ConcurrentHashMap<Key, Tally> pending = new ConcurrentHashMap<>();
    private final TrafficCounts counts;
    private final TenantTransactions transactions;

    CountingTraffic(TrafficCounts counts, TenantTransactions transactions) {
        this.counts = counts;
        this.transactions = transactions;
    }

    @EventListener
    void on(ProviderCallCompleted call) {
        Key key = new Key(call.tenantId(), call.integrationId(), call.at().truncatedTo(ChronoUnit.MINUTES));
        long ms = Math.max(0, call.elapsed().toMillis());
        boolean failed = !call.succeeded() && !ErrorType.DATA.value().equals(call.outcome());
        boolean quota = ErrorType.QUOTA.value().equals(call.outcome());
        while (true) {
            Tally tally = pending.computeIfAbsent(key, k -> new Tally());
            synchronized (tally) {
                if (tally.closed) {
                    continue; // being flushed: start a new tally
                }
                tally.requests++;
                tally.failures += failed ? 1 : 0;
                tally.quotaFailures += quota ? 1 : 0;
                tally.totalMs += ms;
                tally.maxMs = Math.max(tally.maxMs, ms);
                return;
            }
        }
    }

    /** Writes what this node counted so far. */
    @Scheduled(initialDelayString = "${hub.monitoring.traffic-flush-interval:5s}",
            fixedDelayString = "${hub.monitoring.traffic-flush-interval:5s}")
    @PreDestroy
    synchronized void flush() {
        Map<UUID, Map<UUID, Map<Instant, TrafficCounts.Counts>>> byTenant = new HashMap<>();
        for (Key key : pending.keySet()) {
            Tally tally = pending.remove(key);
            if (tally == null) {
                continue;
            }
            TrafficCounts.Counts c;
            synchronized (tally) {
                tally.closed = true;
                c = new TrafficCounts.Counts(tally.requests, tally.failures, tally.quotaFailures, tally.totalMs,
                        tally.maxMs);
            }
            byTenant.computeIfAbsent(key.tenantId(), t -> new HashMap<>())
                    .computeIfAbsent(key.integrationId(), i -> new HashMap<>())
                    .merge(key.minute(), c, TrafficCounts.Counts::plus);
        }
        byTenant.forEach((tenant, integrations) -> {
            try {
                transactions.inTenant(tenant, () -> counts.add(tenant, integrations));
            } catch (RuntimeException e) {
                log.warn("Could not write the traffic counts of tenant {}: {}", tenant, e.getMessage());
            }
        });
    }
}
