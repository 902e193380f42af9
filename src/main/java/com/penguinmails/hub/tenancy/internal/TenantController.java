package com.penguinmails.hub.tenancy.internal;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.TenantRole;
import com.penguinmails.hub.tenancy.internal.TenancyApi.TenantRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.TenantView;

@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants", description = "Organisations, their members and the members' preferences")
class TenantController {

    private final CreatingTenant creating;
    private final TenantDirectory directory;

    TenantController(CreatingTenant creating, TenantDirectory directory) {
        this.creating = creating;
        this.directory = directory;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "createTenant", summary = "Create a tenant; the creator becomes its owner")
    ResponseEntity<TenantView> create(@Valid @RequestBody TenantRequest body) {
        Tenant tenant = creating.create(CurrentUser.require(), body.name(), body.domain(), body.settings());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id()))
                .body(view(tenant, List.of("owner"), false));
    }

    @GetMapping
    @Operation(operationId = "listMyTenants", summary = "The tenants the signed-in user belongs to")
    List<TenantSummary> mine() {
        return directory.mine(CurrentUser.require()).stream()
                .map(m -> new TenantSummary(m.tenantId(), m.tenantName(), TenancyApi.roleNames(m.roles())))
                .toList();
    }

    record TenantSummary(UUID id, String name, List<String> roles) {
    }

    @GetMapping("/{tenantId}")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getTenant", summary = "One tenant (members, staff with the access recorded, and API keys with integrations:read)")
    TenantView get(@PathVariable UUID tenantId) {
        TenantAccess access = TenantAccess.require();
        return view(directory.get(tenantId), roles(access), access.staffVisit());
    }

    @PutMapping("/{tenantId}")
    @Operation(operationId = "updateTenant", summary = "Change the tenant's name, domain and settings (owners and admins)")
    TenantView update(@PathVariable UUID tenantId, @Valid @RequestBody TenantRequest body) {
        TenantAccess access = TenantAccess.require().requireAdmin();
        return view(directory.update(tenantId, body.name(), body.domain(), body.settings()), roles(access), false);
    }

    private static List<String> roles(TenantAccess access) {
        return access.role().map(TenantRole::value).map(List::of).orElse(List.of());
    }

    private static TenantView view(Tenant t, List<String> roles, boolean staffAccess) {
        return new TenantView(t.id(), t.name(), t.domain(), t.settings(), t.status(), t.createdAt(), t.updatedAt(),
                roles, staffAccess);
    }
}
