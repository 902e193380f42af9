package com.penguinmails.hub.stripe.internal;

import java.net.http.HttpRequest;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.monitoring.HealthProbe;
import com.penguinmails.hub.monitoring.ProbeResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health check of a tenant's Stripe integration: reads its balance ({@code GET /v1/balance}), the
 * cheapest authenticated read Stripe has; it changes nothing and proves the secret key works.
 */
@Component
class StripeProbe implements HealthProbe {

    private final ProviderGateway gateway;
    private final IntegrationRegistry registry;
    private final StripeProperties properties;
    private final JsonMapper json;

    StripeProbe(ProviderGateway gateway, IntegrationRegistry registry, StripeProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Set<String> providers() {
        return Set.of("stripe");
    }

    @Override
    public ProbeResult probe(IntegrationRegistry.IntegrationRef integration) {
        String key = registry.credentials(integration.tenantId(), integration.id()).get("secretKey");
        if (key == null || key.isBlank()) {
            return new ProbeResult.Down("configuration_error", "the integration has no secret key");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(properties.baseUrl().resolve("/v1/balance"))
                .timeout(properties.requestTimeout()).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").GET();
        if (properties.apiVersion() != null && !properties.apiVersion().isBlank()) {
            request.header("Stripe-Version", properties.apiVersion());
        }
        ProviderResponse response = gateway.call(new ProviderCall(integration.tenantId(), integration.id(), "stripe",
                "stripe.balance.retrieve", request.build(), Urgency.BACKGROUND, null));
        JsonNode balance = json.readTree(response.body());
        return new ProbeResult.Up("Stripe answered (livemode " + balance.path("livemode").asBoolean(false) + ")");
    }
}
