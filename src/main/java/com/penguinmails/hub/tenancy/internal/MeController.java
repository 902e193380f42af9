package com.penguinmails.hub.tenancy.internal;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.internal.TenancyApi.MembershipView;
import com.penguinmails.hub.tenancy.internal.TenancyApi.PreferencesView;
import com.penguinmails.hub.tenancy.internal.TenancyApi.ProfileView;
import com.penguinmails.hub.tenancy.internal.TenancyApi.UserView;

@RestController
@Tag(name = "Accounts")
class MeController {

    private final ReadingProfile profiles;

    MeController(ReadingProfile profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/me")
    @Operation(operationId = "getMe", summary = "The signed-in user with memberships, roles, preferences and staff status")
    ProfileView me() {
        ReadingProfile.Profile profile = profiles.of(CurrentUser.require());
        Map<UUID, Preferences> byTenant = profile.preferences().stream()
                .collect(Collectors.toMap(Preferences::tenantId, Function.identity()));
        var memberships = profile.memberships().stream()
                .map(m -> new MembershipView(m.tenantId(), m.tenantName(), TenancyApi.roleNames(m.roles()),
                        PreferencesView.of(byTenant.getOrDefault(m.tenantId(),
                                Preferences.defaults(m.tenantId(), m.userId())))))
                .toList();
        return new ProfileView(UserView.of(profile.user()), memberships, profile.staff(), profile.staffRole());
    }
}
