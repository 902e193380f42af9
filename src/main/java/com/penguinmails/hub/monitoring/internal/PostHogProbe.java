package com.penguinmails.hub.monitoring.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.monitoring.HealthProbe;
import com.penguinmails.hub.monitoring.ProbeResult;

/**
 * Health check of a tenant's PostHog integration: its project's flags ({@code POST /flags?v=2} with the
 * project key, for a fixed health-check id). It lives here rather than in the posthog module because
 * the email module depends on posthog and monitoring on email: a posthog → monitoring dependency
 * would close a cycle.
 */
@Component
class PostHogProbe implements HealthProbe {

    static final String DISTINCT_ID = "penguinmails-health-check";

    private final ProviderGateway gateway;
    private final MonitoringProperties properties;
    private final JsonMapper json;

    PostHogProbe(ProviderGateway gateway, MonitoringProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Set<String> providers() {
        return Set.of("posthog");
    }

    @Override
    public ProbeResult probe(IntegrationRef integration) {
        Object key = integration.configuration().get("projectApiKey");
        if (key == null) {
            return new ProbeResult.Down("configuration_error", "the integration has no project key");
        }
        String host = Objects.toString(integration.configuration().get("host"), "https://us.i.posthog.com")
                .replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(host + "/flags?v=2"))
                .timeout(properties.probeTimeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
                        Map.of("api_key", key.toString(), "distinct_id", DISTINCT_ID))))
                .build();
        ProviderResponse response = gateway.call(new ProviderCall(integration.tenantId(), integration.id(), "posthog",
                "posthog.flags.health", request, Urgency.BACKGROUND, null));
        JsonNode answer = json.readTree(response.body());
        if (answer.path("quotaLimited").toString().contains("feature_flags")) {
            return new ProbeResult.Down("quota_error", "PostHog's feature-flag quota of the project is exhausted");
        }
        return new ProbeResult.Up("PostHog evaluated the project's flags (" + answer.path("flags").size() + ")");
    }
}
