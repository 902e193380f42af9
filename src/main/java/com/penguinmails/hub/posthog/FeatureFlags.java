package com.penguinmails.hub.posthog;

import java.util.UUID;

/**
 * Feature flags from PostHog ({@code POST /flags?v=2}), evaluated for a user within an organisation
 * and cached for {@code hub.posthog.flags-ttl}. Never throws for PostHog's sake: when it cannot be
 * asked, the defaults of {@code hub.posthog.flag-defaults} answer.
 */
public interface FeatureFlags {

    /** @param tenantId the organisation group to evaluate in; null for the user alone */
    FlagSet evaluate(UUID userId, UUID tenantId);
}
