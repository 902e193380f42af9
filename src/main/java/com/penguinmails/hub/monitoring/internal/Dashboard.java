package com.penguinmails.hub.monitoring.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.platform.database.TenantTransactions;

/** The guide's {@code IntegrationDashboard}, read in the tenant's scope. */
@Service
class Dashboard {

    static final int RECENT_ALERTS = 20;

    record Summary(int totalIntegrations, int activeIntegrations, int failingIntegrations, Double averageHealthScore) {
    }

    record IntegrationHealth(UUID integrationId, String name, String provider, String category, String status,
                             HealthRecords.Health health, long openAlerts) {
    }

    record Trends(UUID integrationId, Instant from, Instant to, long bucketSeconds, List<Series> responseTime,
                  List<Series> errorRate, List<Series> throughput) {
    }

    /** One point of a series: bucket start and value (null where the bucket had no calls). */
    record Series(Instant t, Double value) {
    }

    record View(Summary summary, List<IntegrationHealth> integrations, List<AlertStore.Alert> recentAlerts,
                Trends performanceTrends, Instant at) {
    }

    private final IntegrationRegistry registry;
    private final HealthRecords records;
    private final AlertStore alerts;
    private final TrafficCounts traffic;
    private final TenantTransactions transactions;
    private final Clock clock;

    Dashboard(IntegrationRegistry registry, HealthRecords records, AlertStore alerts, TrafficCounts traffic,
              TenantTransactions transactions, Clock clock) {
        this.registry = registry;
        this.records = records;
        this.alerts = alerts;
        this.traffic = traffic;
        this.transactions = transactions;
        this.clock = clock;
    }

    View view(UUID tenantId, TrendBuckets.Window window) {
        List<IntegrationRef> all = registry.all(tenantId);
        return transactions.readInTenant(tenantId, () -> {
            List<IntegrationHealth> integrations = integrations(tenantId, all);
            return new View(summary(integrations), integrations, alerts.list(tenantId, null, null, RECENT_ALERTS),
                    trends(tenantId, null, window), clock.instant());
        });
    }

    List<IntegrationHealth> integrations(UUID tenantId, List<IntegrationRef> all) {
        Map<UUID, HealthRecords.Health> latest = records.latest(tenantId).stream()
                .collect(Collectors.toMap(HealthRecords.Health::integrationId, Function.identity()));
        Map<UUID, Long> open = alerts.list(tenantId, "open", null, 500).stream()
                .filter(a -> a.integrationId() != null)
                .collect(Collectors.groupingBy(AlertStore.Alert::integrationId, Collectors.counting()));
        return all.stream().map(i -> new IntegrationHealth(i.id(), i.name(), i.provider(), i.category().value(),
                i.status().value(), latest.get(i.id()), open.getOrDefault(i.id(), 0L))).toList();
    }

    /**
     * Total: every registered integration. Active: those whose registry status is {@code active}.
     * Failing: those whose latest check was unhealthy or that are in {@code error}. Average health
     * score: the mean of the latest scores of the integrations that have one (null when none has).
     */
    static Summary summary(List<IntegrationHealth> integrations) {
        int active = (int) integrations.stream().filter(i -> IntegrationStatus.ACTIVE.value().equals(i.status())).count();
        int failing = (int) integrations.stream().filter(i -> IntegrationStatus.ERROR.value().equals(i.status())
                || (i.health() != null && "unhealthy".equals(i.health().status()))).count();
        var scores = integrations.stream().map(IntegrationHealth::health)
                .filter(h -> h != null && h.score() != null).mapToInt(HealthRecords.Health::score).summaryStatistics();
        Double average = scores.getCount() == 0 ? null : Double.valueOf(Math.round(scores.getAverage() * 10) / 10.0);
        return new Summary(integrations.size(), active, failing, average);
    }

    /** Call inside the tenant's transaction. */
    Trends trends(UUID tenantId, UUID integrationId, TrendBuckets.Window window) {
        List<TrendBuckets.Point> points = TrendBuckets.fill(window,
                traffic.buckets(tenantId, integrationId, window.bucket(), window.from(), window.to()));
        return new Trends(integrationId, window.from(), window.to(), window.bucket().toSeconds(),
                points.stream().map(p -> new Series(p.t(), p.responseTimeMs())).toList(),
                points.stream().map(p -> new Series(p.t(), p.errorRate())).toList(),
                points.stream().map(p -> new Series(p.t(), p.throughput())).toList());
    }
}
