package com.penguinmails.hub.providerkeys.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@Tag(name = "Provider keys", description = "Provider credentials with environment, expiry, rotation and revocation")
class ProviderKeyController {

    private final RotatingProviderKey rotating;
    private final ProviderKeys keys;
    private final IntegrationRegistry registry;
    private final TenantTransactions transactions;
    private final Clock clock;

    ProviderKeyController(RotatingProviderKey rotating, ProviderKeys keys, IntegrationRegistry registry,
                          TenantTransactions transactions, Clock clock) {
        this.rotating = rotating;
        this.registry = registry;
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
    }

    record KeyRequest(
            @NotBlank @Size(max = 100) String field,
            @NotBlank @Size(max = 1000) String value,
            @NotNull @Pattern(regexp = "production|staging|development",
                    message = "must be production, staging or development") String environment,
            @Size(max = 50) List<@Pattern(regexp = "[A-Za-z0-9_.:*/-]{1,100}", message = "must be a permission name") String> permissions,
            Instant expiresAt,
            @NotNull @Pattern(regexp = "monthly|quarterly|never", message = "must be monthly, quarterly or never") String rotationSchedule,
            @Size(max = 200) String providerKeyId,
            @Min(0) @Max(720) Integer graceHours) {
        @Override
        public String toString() {
            return "KeyRequest[field=" + field + "]";
        }
    }

    record KeyView(UUID id, UUID integrationId, String field, String environment, List<String> permissions,
                   String rotationSchedule, Instant expiresAt, String providerKeyId, String state, String hint,
                   String testOutcome, String testDetail, Instant activatedAt, Instant revokeAfter,
                   Instant rotationDueAt, String revocation, int revocationAttempts, Instant revokedAt,
                   Instant erasedAt) {
        static KeyView of(ProviderKey k) {
            return new KeyView(k.id(), k.integrationId(), k.field(), k.environment(), k.permissions(),
                    k.rotationSchedule(), k.expiresAt(), k.providerKeyId(), k.state(), k.hint(), k.testOutcome(),
                    k.testDetail(), k.activatedAt(), k.revokeAfter(), k.rotationDueAt().orElse(null), k.revocation(),
                    k.revocationAttempts(), k.revokedAt(), k.erasedAt());
        }
    }

    record DueKey(KeyView key, List<String> reasons) {
    }

    @PostMapping("/api/v1/tenants/{tenantId}/integrations/{integrationId}/keys")
    @ApiResponse(responseCode = "201", description = "Stored")
    @Operation(operationId = "rotateProviderKey", summary = "Store or rotate a provider key: tested first, then switched; the old key retires after the grace period")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    ResponseEntity<KeyView> rotate(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
                                   @Valid @RequestBody KeyRequest body) {
        TenantAccess.require().requireAdmin();
        ProviderKey key = rotating.rotate(tenantId, integrationId, new RotatingProviderKey.NewKey(body.field(),
                body.value(), body.environment(), body.permissions(), body.expiresAt(), body.rotationSchedule(),
                body.providerKeyId(), body.graceHours() == null ? null : Duration.ofHours(body.graceHours())));
        return ResponseEntity.status(HttpStatus.CREATED).body(KeyView.of(key));
    }

    @GetMapping("/api/v1/tenants/{tenantId}/integrations/{integrationId}/keys")
    @Operation(operationId = "listProviderKeys", summary = "Every key version of the integration, newest first (values never shown)")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    List<KeyView> list(@PathVariable UUID tenantId, @PathVariable UUID integrationId) {
        TenantAccess.require();
        // another tenant's integration, or none, is not found, as on every other path of an integration
        registry.find(tenantId, integrationId)
                .orElseThrow(() -> ApiProblem.notFound("integration_not_found", "No such integration in this tenant"));
        return transactions.readInTenant(tenantId, () -> keys.ofIntegration(tenantId, integrationId))
                .stream().map(KeyView::of).toList();
    }

    @GetMapping("/api/v1/tenants/{tenantId}/provider-keys/due")
    @Operation(operationId = "listProviderKeysDue", summary = "Active keys due for rotation or expiring within the given number of days")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    List<DueKey> due(@PathVariable UUID tenantId, @RequestParam(defaultValue = "30") @Min(0) @Max(3650) int withinDays) {
        TenantAccess.require();
        Instant horizon = clock.instant().plus(Duration.ofDays(withinDays));
        List<DueKey> due = new ArrayList<>();
        for (ProviderKey key : transactions.readInTenant(tenantId, () -> keys.activeOfTenant(tenantId))) {
            List<String> reasons = new ArrayList<>();
            if (key.expiresAt() != null && !key.expiresAt().isAfter(horizon)) {
                reasons.add(key.expiresAt().isAfter(clock.instant()) ? "expiring" : "expired");
            }
            key.rotationDueAt().filter(at -> !at.isAfter(horizon)).ifPresent(at -> reasons.add("rotation_due"));
            if (!reasons.isEmpty()) {
                due.add(new DueKey(KeyView.of(key), reasons));
            }
        }
        return due;
    }
}
