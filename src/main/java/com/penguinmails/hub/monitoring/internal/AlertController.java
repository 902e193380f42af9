package com.penguinmails.hub.monitoring.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/alerts")
@Tag(name = "Monitoring", description = "Integration health, alerts, the dashboard and performance trends")
class AlertController {

    private final AlertStore alerts;
    private final AlertBook book;
    private final TenantTransactions transactions;

    AlertController(AlertStore alerts, AlertBook book, TenantTransactions transactions) {
        this.alerts = alerts;
        this.book = book;
        this.transactions = transactions;
    }

    @GetMapping
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "listAlerts", summary = "The tenant's alerts, most recent first")
    List<AlertStore.Alert> list(@PathVariable UUID tenantId,
                                @RequestParam(required = false) @Pattern(regexp = "open|resolved") String status,
                                @RequestParam(required = false) UUID integrationId,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> alerts.list(tenantId, status, integrationId, limit));
    }

    @PostMapping("/{alertId}/resolve")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    @Operation(operationId = "resolveAlert", summary = "Resolve an open alert by hand (notifies the admins and publishes integration.alert_resolved)")
    Map<String, Object> resolve(@PathVariable UUID tenantId, @PathVariable UUID alertId) {
        TenantAccess access = TenantAccess.require().requireWrite();
        String by = access.userId() != null ? "user:" + access.userId() : "api_key";
        if (!transactions.inTenant(tenantId, () -> book.resolve(tenantId, alertId, by))) {
            throw ApiProblem.notFound("alert_not_found", "No such open alert");
        }
        return Map.of("id", alertId, "status", "resolved");
    }
}
