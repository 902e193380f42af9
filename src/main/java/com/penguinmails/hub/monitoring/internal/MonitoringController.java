package com.penguinmails.hub.monitoring.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.monitoring.HealthChecks;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/monitoring")
@Tag(name = "Monitoring", description = "Integration health, alerts, the dashboard and performance trends")
class MonitoringController {

    @Schema(name = "IntegrationMonitoringView")
    record IntegrationView(Dashboard.IntegrationHealth integration, List<HealthRecords.Health> history,
                           List<AlertStore.Alert> alerts, Dashboard.Trends performanceTrends) {
    }

    private final Dashboard dashboard;
    private final HealthRecords records;
    private final AlertStore alerts;
    private final HealthChecks checks;
    private final IntegrationRegistry registry;
    private final TenantTransactions transactions;
    private final MonitoringProperties properties;
    private final Clock clock;

    MonitoringController(Dashboard dashboard, HealthRecords records, AlertStore alerts, HealthChecks checks,
                         IntegrationRegistry registry, TenantTransactions transactions, MonitoringProperties properties,
                         Clock clock) {
        this.dashboard = dashboard;
        this.records = records;
        this.alerts = alerts;
        this.checks = checks;
        this.registry = registry;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/dashboard")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getMonitoringDashboard", summary = "Summary, each integration's latest health, recent alerts and the tenant's performance trends")
    Dashboard.View dashboard(@PathVariable UUID tenantId, @RequestParam(defaultValue = "24h") String range,
                             @RequestParam(defaultValue = "1h") String bucket) {
        TenantAccess.require();
        TrendBuckets.Window window = window(range, bucket);
        return dashboard.view(tenantId, window);
    }

    @GetMapping("/trends")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getMonitoringTrends", summary = "Response time, error rate and throughput per bucket over a range, for the tenant or one integration")
    Dashboard.Trends trends(@PathVariable UUID tenantId, @RequestParam(defaultValue = "24h") String range,
                            @RequestParam(defaultValue = "1h") String bucket,
                            @RequestParam(required = false) UUID integrationId) {
        TenantAccess.require();
        TrendBuckets.Window window = window(range, bucket);
        if (integrationId != null) {
            requireIntegration(tenantId, integrationId);
        }
        return transactions.readInTenant(tenantId, () -> dashboard.trends(tenantId, integrationId, window));
    }

    @GetMapping("/integrations/{integrationId}")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getIntegrationMonitoring", summary = "One integration's latest health, its health records over the range, its alerts and trends")
    IntegrationView integration(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
                                @RequestParam(defaultValue = "24h") String range,
                                @RequestParam(defaultValue = "1h") String bucket,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        TenantAccess.require();
        TrendBuckets.Window window = window(range, bucket);
        var integration = requireIntegration(tenantId, integrationId);
        return transactions.readInTenant(tenantId, () -> new IntegrationView(
                dashboard.integrations(tenantId, List.of(integration)).get(0),
                records.history(tenantId, integrationId, window.from(), limit),
                alerts.list(tenantId, null, integrationId, 50),
                dashboard.trends(tenantId, integrationId, window)));
    }

    @PostMapping("/integrations/{integrationId}/check")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    @Operation(operationId = "checkIntegrationHealth", summary = "Run the integration's health check now and record it (alerts included)")
    HealthRecords.Health check(@PathVariable UUID tenantId, @PathVariable UUID integrationId) {
        TenantAccess.require().requireWrite();
        requireIntegration(tenantId, integrationId);
        checks.checkNow(tenantId, integrationId);
        return transactions.readInTenant(tenantId, () -> records.latest(tenantId, integrationId)).orElseThrow();
    }

    private IntegrationRegistry.IntegrationRef requireIntegration(UUID tenantId, UUID integrationId) {
        return registry.find(tenantId, integrationId).orElseThrow(() ->
                ApiProblem.notFound("integration_not_found", "No such integration in this tenant"));
    }

    private TrendBuckets.Window window(String range, String bucket) {
        return TrendBuckets.window(clock.instant(), range, bucket, properties.maxTrendRange(), properties.maxTrendPoints());
    }
}
