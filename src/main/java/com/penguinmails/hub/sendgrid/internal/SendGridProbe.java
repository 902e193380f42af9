package com.penguinmails.hub.sendgrid.internal;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.monitoring.HealthProbe;
import com.penguinmails.hub.monitoring.ProbeResult;

/** Health check: the key's scopes ({@code GET /v3/scopes}); without {@code mail.send} it cannot send. */
@Component
class SendGridProbe implements HealthProbe {

    private final ProviderGateway gateway;
    private final IntegrationRegistry registry;
    private final SendGridProperties properties;
    private final JsonMapper json;

    SendGridProbe(ProviderGateway gateway, IntegrationRegistry registry, SendGridProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Set<String> providers() {
        return Set.of("sendgrid");
    }

    @Override
    public ProbeResult probe(IntegrationRegistry.IntegrationRef integration) {
        String key = registry.credentials(integration.tenantId(), integration.id()).get("apiKey");
        if (key == null) {
            return new ProbeResult.Down("configuration_error", "the integration has no API key");
        }
        ProviderResponse response = gateway.call(new ProviderCall(integration.tenantId(), integration.id(), "sendgrid",
                "sendgrid.scopes.get", HttpRequest.newBuilder(properties.baseUrl().resolve("/v3/scopes"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key).GET().build(),
                Urgency.BACKGROUND, null));
        JsonNode scopes = json.readTree(response.body()).path("scopes");
        for (JsonNode scope : scopes) {
            if ("mail.send".equals(scope.asString())) {
                return new ProbeResult.Up("SendGrid answered; the key holds mail.send");
            }
        }
        return new ProbeResult.Down("authorization_error", "the SendGrid key lacks the mail.send scope");
    }
}
