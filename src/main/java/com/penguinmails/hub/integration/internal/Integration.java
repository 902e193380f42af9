package com.penguinmails.hub.integration.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.hub.integration.AuthenticationMethod;
import com.penguinmails.hub.integration.IntegrationCategory;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.internal.IntegrationSettings.Endpoint;
import com.penguinmails.hub.integration.internal.IntegrationSettings.ErrorHandling;
import com.penguinmails.hub.integration.internal.IntegrationSettings.Monitoring;
import com.penguinmails.hub.integration.internal.IntegrationSettings.RateLimits;
import com.penguinmails.hub.integration.internal.IntegrationSettings.WebhookConfig;

/** An integration as stored, without its secrets (webhook configs carry no secret either). */
record Integration(UUID tenantId, UUID id, String name, IntegrationCategory category, String provider,
                   IntegrationStatus status, String statusReason, Instant statusChangedAt,
                   AuthenticationMethod authentication, Map<String, Object> configuration, List<Endpoint> endpoints,
                   List<WebhookConfig> webhooks, RateLimits rateLimits, ErrorHandling errorHandling,
                   Monitoring monitoring, IntegrationSettings.Caching caching, long version, Instant createdAt,
                   Instant updatedAt) {

    Integration withStatus(IntegrationStatus to, String reason, Instant at) {
        return new Integration(tenantId, id, name, category, provider, to, reason, at, authentication, configuration,
                endpoints, webhooks, rateLimits, errorHandling, monitoring, caching, version, createdAt, at);
    }
}
