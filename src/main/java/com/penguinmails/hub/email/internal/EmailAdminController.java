package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.email.internal.EmailApi.MetricsView;
import com.penguinmails.hub.email.internal.EmailApi.SettingsRequest;
import com.penguinmails.hub.email.internal.EmailApi.SettingsView;
import com.penguinmails.hub.email.internal.EmailApi.SuppressionPage;
import com.penguinmails.hub.email.internal.EmailApi.SuppressionRequest;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.tenancy.TenantAccess;

/** The suppression list, campaign metrics and the tenant's ESP choice. */
@RestController
@Tag(name = "Email")
class EmailAdminController {

    private final Suppressions suppressions;
    private final CampaignMetrics metrics;
    private final EmailSettings settings;
    private final EspChoice esp;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    EmailAdminController(Suppressions suppressions, CampaignMetrics metrics, EmailSettings settings, EspChoice esp,
                         TenantTransactions transactions, AuditLog audit, Clock clock) {
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.settings = settings;
        this.esp = esp;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/tenants/{tenantId}/suppressions")
    @RequiredScope(Scope.EMAIL_SEND)
    @Operation(operationId = "listSuppressions", summary = "Suppressed addresses by address, searchable (q), with cursor pagination")
    SuppressionPage list(@PathVariable UUID tenantId, @RequestParam(required = false) @Size(max = 320) String q,
                         @RequestParam(required = false) @Size(max = 500) String cursor,
                         @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        TenantAccess.require();
        String after = SuppressionPage.after(cursor);
        List<Suppressions.Entry> rows = transactions.readInTenant(tenantId,
                () -> suppressions.search(tenantId, q, after, limit + 1));
        return SuppressionPage.of(rows, limit);
    }

    @PostMapping("/api/v1/tenants/{tenantId}/suppressions")
    @RequiredScope(Scope.EMAIL_SEND)
    @ApiResponse(responseCode = "200", description = "Already suppressed")
    @ApiResponse(responseCode = "201", description = "Suppressed")
    @Operation(operationId = "createSuppression", summary = "Suppress an address by hand")
    ResponseEntity<Map<String, Object>> add(@PathVariable UUID tenantId, @Valid @RequestBody SuppressionRequest body) {
        TenantAccess.require().requireWrite();
        boolean added = transactions.inTenant(tenantId, () -> {
            boolean fresh = suppressions.add(tenantId, body.address(), "manual", null, body.note(), clock.instant());
            if (fresh) {
                audit.recordForRequest(tenantId, "suppression.added", "suppression", body.address().toLowerCase(),
                        AuditChanges.none().added("reason", "manual"));
            }
            return fresh;
        });
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("address", body.address().toLowerCase(), "added", added));
    }

    @DeleteMapping("/api/v1/tenants/{tenantId}/suppressions/{address}")
    @RequiredScope(Scope.EMAIL_SEND)
    @ApiResponse(responseCode = "204", description = "Removed")
    @Operation(operationId = "deleteSuppression", summary = "Allow sending to an address again")
    ResponseEntity<Void> remove(@PathVariable UUID tenantId, @PathVariable @Email @Size(max = 320) String address) {
        TenantAccess.require().requireAdmin();
        boolean removed = transactions.inTenant(tenantId, () -> {
            boolean gone = suppressions.remove(tenantId, address);
            if (gone) {
                audit.recordForRequest(tenantId, "suppression.removed", "suppression", address.toLowerCase(),
                        AuditChanges.none());
            }
            return gone;
        });
        if (!removed) {
            throw ApiProblem.notFound("suppression_not_found", "This address is not suppressed");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tenants/{tenantId}/campaigns/{campaignId}/metrics")
    @RequiredScope(Scope.EMAIL_SEND)
    @Operation(operationId = "getCampaignMetrics", summary = "A campaign's counters and rates (delivered, bounce, complaint, unsubscribe, open and click rates over sent)")
    MetricsView campaign(@PathVariable UUID tenantId, @PathVariable @Size(max = 200) String campaignId) {
        TenantAccess.require();
        CampaignMetrics.Metrics m = transactions.readInTenant(tenantId, () -> metrics.find(tenantId, campaignId))
                .orElseThrow(() -> ApiProblem.notFound("campaign_not_found", "No message of this campaign was sent"));
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("delivered", rate(m.delivered(), m.sent()));
        rates.put("bounced", rate(m.bounced(), m.sent()));
        rates.put("complained", rate(m.complained(), m.sent()));
        rates.put("unsubscribed", rate(m.unsubscribed(), m.sent()));
        rates.put("uniqueOpens", rate(m.uniqueOpens(), m.sent()));
        rates.put("uniqueClicks", rate(m.uniqueClicks(), m.sent()));
        return new MetricsView(m.campaignId(), m.sent(), m.delivered(), m.bounced(), m.deferred(), m.dropped(),
                m.failed(), m.complained(), m.unsubscribed(), m.opens(), m.uniqueOpens(), m.clicks(), m.uniqueClicks(),
                m.suppressed(), rates, m.updatedAt());
    }

    @GetMapping("/api/v1/tenants/{tenantId}/email-settings")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getEmailSettings", summary = "The tenant's default and failover ESP integrations")
    SettingsView getSettings(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> settings.find(tenantId))
                .map(c -> new SettingsView(c.defaultIntegrationId(), c.failoverIntegrationId(), c.updatedAt()))
                .orElse(new SettingsView(null, null, null));
    }

    @PutMapping("/api/v1/tenants/{tenantId}/email-settings")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    @Operation(operationId = "updateEmailSettings", summary = "Choose the default ESP integration and, optionally, the failover one")
    SettingsView putSettings(@PathVariable UUID tenantId, @Valid @RequestBody SettingsRequest body) {
        TenantAccess.require().requireAdmin();
        esp.requireUsable(tenantId, body.defaultIntegrationId(), "defaultIntegrationId");
        if (body.failoverIntegrationId() != null) {
            esp.requireUsable(tenantId, body.failoverIntegrationId(), "failoverIntegrationId");
        }
        transactions.inTenant(tenantId, () -> {
            settings.save(tenantId, body.defaultIntegrationId(), body.failoverIntegrationId(), clock.instant());
            audit.recordForRequest(tenantId, "email_settings.updated", "email_settings", tenantId,
                    AuditChanges.none().field("defaultIntegrationId", null, body.defaultIntegrationId().toString())
                            .field("failoverIntegrationId", null, body.failoverIntegrationId() == null ? null
                                    : body.failoverIntegrationId().toString()));
        });
        return getSettings(tenantId);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
