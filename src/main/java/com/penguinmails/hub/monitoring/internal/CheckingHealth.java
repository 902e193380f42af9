package com.penguinmails.hub.monitoring.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.MonitoringSettings;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts;
import com.penguinmails.hub.monitoring.HealthChecks;
import com.penguinmails.hub.monitoring.HealthProbe;
import com.penguinmails.hub.monitoring.ProbeResult;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * One health check (the guide's {@code IntegrationHealthChecker}): the provider's probe, outside any
 * transaction; then, in the tenant's transaction, the window's traffic and uptime, the status and
 * score ({@link HealthPolicy}), the health record, and the alerts raised or resolved. A probe that
 * succeeds takes an integration out of {@code error}.
 */
@Service
class CheckingHealth implements HealthChecks {

    private static final Logger log = LoggerFactory.getLogger(CheckingHealth.class);
    static final String RESOLVED_BY = "health_check";
    /** The statuses whose integrations are checked (the others are not in use, or the gateway refuses them). */
    static final java.util.Set<IntegrationStatus> WATCHED = java.util.EnumSet.of(IntegrationStatus.ACTIVE,
            IntegrationStatus.ERROR);

    private final HealthRecords records;
    private final TrafficCounts traffic;
    private final CountingTraffic counting;
    private final Alerts alerts;
    private final IntegrationRegistry registry;
    private final List<HealthProbe> probes;
    private final TenantTransactions transactions;
    private final MonitoringProperties properties;
    private final Clock clock;

    CheckingHealth(HealthRecords records, TrafficCounts traffic, CountingTraffic counting, Alerts alerts,
                   IntegrationRegistry registry, List<HealthProbe> probes, TenantTransactions transactions,
                   MonitoringProperties properties, Clock clock) {
        this.records = records;
        this.traffic = traffic;
        this.counting = counting;
        this.alerts = alerts;
        this.registry = registry;
        this.probes = probes;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int runDue() {
        List<HealthRecords.Claimed> due = records.claim(clock.instant(), properties.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        counting.flush();
        int ran = 0;
        for (HealthRecords.Claimed claimed : due) {
            try {
                if (check(claimed.tenantId(), claimed.integrationId()).isPresent()) {
                    ran++;
                }
            } catch (RuntimeException e) {
                log.warn("Health check of integration {} failed to run: {}", claimed.integrationId(), e.toString());
            }
        }
        return ran;
    }

    @Override
    public String checkNow(UUID tenantId, UUID integrationId) {
        registry.find(tenantId, integrationId).filter(i -> !WATCHED.contains(i.status())).ifPresent(i -> {
            throw ApiProblem.conflict("integration_not_watched", "The integration is " + i.status().value()
                    + ": only active integrations and those in error are checked");
        });
        return check(tenantId, integrationId).map(HealthRecords.Health::status)
                .orElseThrow(() -> ApiProblem.notFound("integration_not_found", "No such integration in this tenant"));
    }

    Optional<HealthRecords.Health> check(UUID tenantId, UUID integrationId) {
        Optional<IntegrationRef> found = registry.find(tenantId, integrationId);
        Optional<MonitoringSettings> settings = registry.monitoring(tenantId, integrationId);
        if (found.isEmpty() || settings.isEmpty()) {
            return Optional.empty();
        }
        IntegrationRef integration = found.get();
        Optional<HealthProbe> probe = probes.stream().filter(p -> p.providers().contains(integration.provider()))
                .findFirst();
        ProbeResult result = null;
        Long probeMs = null;
        if (probe.isPresent()) {
            long started = System.nanoTime();
            result = run(probe.get(), integration);
            probeMs = (System.nanoTime() - started) / 1_000_000;
        }
        counting.flush(); // the probe's own call counts in the window
        HealthRecords.Health health = record(integration, settings.get(), result, probeMs);
        if (result instanceof ProbeResult.Up && integration.status() == IntegrationStatus.ERROR) {
            try {
                registry.changeStatus(tenantId, integrationId, IntegrationStatus.ACTIVE, StatusChanger.HEALTH_CHECK,
                        "The health check succeeded");
            } catch (RuntimeException e) {
                log.debug("Integration {} not reactivated: {}", integrationId, e.getMessage());
            }
        }
        return Optional.of(health);
    }

    private static ProbeResult run(HealthProbe probe, IntegrationRef integration) {
        try {
            ProbeResult result = probe.probe(integration);
            return result == null ? new ProbeResult.Down("api_error", "the probe answered nothing") : result;
        } catch (ProviderCallFailed failed) {
            return new ProbeResult.Down(failed.error().type().value(), failed.localRefusal()
                    .map(refusal -> refusal + ": ").orElse("") + failed.error().message());
        } catch (RuntimeException e) {
            return new ProbeResult.Down("configuration_error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private HealthRecords.Health record(IntegrationRef integration, MonitoringSettings settings, ProbeResult result,
                                        Long probeMs) {
        UUID tenantId = integration.tenantId();
        UUID integrationId = integration.id();
        HealthPolicy.ProbeOutcome outcome;
        String detail;
        String errorType = null;
        if (result == null) {
            outcome = HealthPolicy.ProbeOutcome.NONE;
            detail = "no health probe for provider " + integration.provider();
        } else if (result instanceof ProbeResult.Up up) {
            outcome = HealthPolicy.ProbeOutcome.UP;
            detail = up.detail();
        } else if (result instanceof ProbeResult.Down down) {
            outcome = HealthPolicy.ProbeOutcome.DOWN;
            detail = down.detail();
            errorType = down.errorType();
        } else {
            outcome = HealthPolicy.ProbeOutcome.SKIPPED;
            detail = ((ProbeResult.Skipped) result).reason();
        }
        String probeError = errorType;
        String probeDetail = shorten(detail);
        HealthPolicy.ProbeOutcome probeOutcome = outcome;
        HealthPolicy.Thresholds thresholds = new HealthPolicy.Thresholds(
                settings.responseTimeThreshold().toMillis(), settings.errorRateThreshold(), properties.minRequests());
        return transactions.inTenant(tenantId, () -> {
            Instant now = clock.instant();
            TrafficCounts.Counts counts = traffic.since(tenantId, integrationId, now.minus(properties.window()));
            long[] uptime = records.uptime(tenantId, integrationId, now.minus(properties.uptimeWindow()));
            HealthPolicy.Evaluation evaluation = HealthPolicy.evaluate(thresholds, new HealthPolicy.Observation(
                    probeOutcome, probeOutcome == HealthPolicy.ProbeOutcome.UP || probeOutcome == HealthPolicy.ProbeOutcome.DOWN
                            ? probeMs : null, probeError, probeDetail, counts.requests(), counts.failures(),
                    counts.quotaFailures(), counts.totalMs(), uptime[0], uptime[1]));
            HealthRecords.Health health = new HealthRecords.Health(UUID.randomUUID(), integrationId, now,
                    evaluation.status().value(), evaluation.score(), probeOutcome.value(),
                    probeMs == null ? null : Integer.valueOf((int) Math.min(Integer.MAX_VALUE, probeMs)), probeDetail,
                    (int) properties.window().toSeconds(), counts.requests(), counts.requests() - counts.failures(),
                    counts.failures(), evaluation.averageResponseMs(), evaluation.errorRate(),
                    evaluation.uptimePercentage(), evaluation.reasons());
            records.insert(tenantId, health);
            for (Map.Entry<AlertType, HealthPolicy.AlertAction> action : evaluation.alerts().entrySet()) {
                if (action.getValue() instanceof HealthPolicy.Raise raise) {
                    alerts.raise(tenantId, integrationId, action.getKey(), raise.severity(), raise.message());
                } else if (action.getValue() instanceof HealthPolicy.Clear) {
                    alerts.resolve(tenantId, integrationId, action.getKey(), RESOLVED_BY);
                }
            }
            return health;
        });
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
