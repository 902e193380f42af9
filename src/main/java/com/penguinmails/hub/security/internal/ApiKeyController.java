package com.penguinmails.hub.security.internal;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.security.IdempotentCreates;
import com.penguinmails.hub.security.internal.SecurityApi.ApiKeyRequest;
import com.penguinmails.hub.security.internal.SecurityApi.ApiKeyView;
import com.penguinmails.hub.security.internal.SecurityApi.CreatedApiKeyView;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/api-keys")
@RequiredScope(Scope.API_KEYS_WRITE)
@Tag(name = "API keys", description = "The tenant's keys for machine clients (owners and admins)")
class ApiKeyController {

    private final ManagingApiKeys managing;
    private final IdempotentCreates idempotent;

    ApiKeyController(ManagingApiKeys managing, IdempotentCreates idempotent) {
        this.managing = managing;
        this.idempotent = idempotent;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created; the key is in this answer only")
    @Operation(operationId = "createApiKey", summary = "Create a key; the response is the only time the key itself is shown")
    ResponseEntity<CreatedApiKeyView> create(@PathVariable UUID tenantId, @Valid @RequestBody ApiKeyRequest body,
                                             @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Size(max = 200)
                                             @Pattern(regexp = IdempotentCreates.KEY_PATTERN) String key) {
        TenantAccess access = TenantAccess.require().requireAdmin().requireVerifiedEmail();
        return idempotent.once(tenantId, "createApiKey", key, body, CreatedApiKeyView.class, () -> {
            ManagingApiKeys.Created created = managing.create(access, body.name(), body.scopes(), body.expiresAt());
            ApiKeyView view = ApiKeyView.of(created.key());
            return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/api-keys/" + view.id()))
                    .body(new CreatedApiKeyView(view.id(), view.name(), view.prefix(), view.scopes(), view.createdAt(),
                            view.expiresAt(), created.secretKey()));
        });
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "The tenant's keys, without secrets: prefix, name, scopes, dates, revocation")
    List<ApiKeyView> list(@PathVariable UUID tenantId) {
        TenantAccess.require().requireAdmin();
        return managing.list(tenantId).stream().map(ApiKeyView::of).toList();
    }

    @DeleteMapping("/{keyId}")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key; it is refused (401) from then on")
    ResponseEntity<Void> revoke(@PathVariable UUID tenantId, @PathVariable UUID keyId) {
        managing.revoke(TenantAccess.require().requireAdmin(), keyId);
        return ResponseEntity.noContent().build();
    }
}
