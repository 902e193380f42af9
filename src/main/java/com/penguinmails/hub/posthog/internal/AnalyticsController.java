package com.penguinmails.hub.posthog.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.posthog.FeatureFlags;
import com.penguinmails.hub.posthog.FlagSet;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantMembers;

@RestController
@Tag(name = "Analytics", description = "Product analytics (PostHog): browser configuration and feature flags")
class AnalyticsController {

    private final PostHogProperties properties;
    private final FeatureFlags flags;
    private final TenantMembers members;

    AnalyticsController(PostHogProperties properties, FeatureFlags flags, TenantMembers members) {
        this.properties = properties;
        this.flags = flags;
        this.members = members;
    }

    /** @param projectApiKey public by design (posthog-js sends it from every browser); null when analytics is off */
    record AnalyticsConfig(boolean enabled, String projectApiKey, String host) {
    }

    @GetMapping("/api/v1/analytics/config")
    @Operation(operationId = "getAnalyticsConfig", summary = "What posthog-js needs in the browser: the project key and host (public; never the personal key)")
    AnalyticsConfig config() {
        return new AnalyticsConfig(properties.enabled(), properties.projectApiKey(),
                properties.host().toString().replaceAll("/+$", ""));
    }

    record FlagsView(UUID tenantId, Map<String, Object> flags, String source, Instant evaluatedAt) {
    }

    @GetMapping("/api/v1/me/feature-flags")
    @Operation(operationId = "getFeatureFlags", summary = "The signed-in user's feature flags, in a tenant they belong to (defaults when PostHog "
            + "cannot be asked)")
    FlagsView featureFlags(@RequestParam(required = false) UUID tenantId) {
        CurrentUser user = CurrentUser.require();
        if (tenantId != null && members.roleOf(tenantId, user.id()).isEmpty()) {
            throw ApiProblem.notFound("tenant_not_found", "No such tenant");
        }
        FlagSet evaluated = flags.evaluate(user.id(), tenantId);
        return new FlagsView(tenantId, evaluated.flags(), evaluated.source(), evaluated.evaluatedAt());
    }
}
