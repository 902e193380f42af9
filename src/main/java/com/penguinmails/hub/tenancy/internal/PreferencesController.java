package com.penguinmails.hub.tenancy.internal;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.internal.TenancyApi.PreferencesRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.PreferencesView;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/me/preferences")
@Tag(name = "Tenants")
class PreferencesController {

    private final SettingPreferences preferences;

    PreferencesController(SettingPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    @Operation(operationId = "getPreferences", summary = "The signed-in user's preferences in this tenant (defaults until saved)")
    PreferencesView get(@PathVariable UUID tenantId) {
        TenantAccess access = member();
        return PreferencesView.of(preferences.get(tenantId, access.userId()));
    }

    @PutMapping
    @Operation(operationId = "updatePreferences", summary = "Save the signed-in user's preferences in this tenant")
    PreferencesView put(@PathVariable UUID tenantId, @Valid @RequestBody PreferencesRequest body) {
        TenantAccess access = member();
        Preferences saved = preferences.save(new Preferences(tenantId, access.userId(), body.theme(), body.language(),
                body.timezone(), body.emailNotifications(), body.pushNotifications(), body.weeklyReports(),
                body.marketingEmails(), null, null));
        return PreferencesView.of(saved);
    }

    /** Preferences are personal: staff visiting a tenant they are not in have none there. */
    private static TenantAccess member() {
        TenantAccess access = TenantAccess.require();
        if (!access.isMember()) {
            throw ApiProblem.forbidden("membership_required", "Only members have preferences in a tenant");
        }
        return access;
    }
}
