package com.penguinmails.hub.mailgun.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.monitoring.HealthProbe;
import com.penguinmails.hub.monitoring.ProbeResult;

/** Health check: reads the integration's sending domain ({@code GET /v3/domains/{domain}}). */
@Component
class MailgunProbe implements HealthProbe {

    private final ProviderGateway gateway;
    private final IntegrationRegistry registry;
    private final MailgunProperties properties;
    private final JsonMapper json;

    MailgunProbe(ProviderGateway gateway, IntegrationRegistry registry, MailgunProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Set<String> providers() {
        return Set.of("mailgun");
    }

    @Override
    public ProbeResult probe(IntegrationRegistry.IntegrationRef integration) {
        String domain = String.valueOf(integration.configuration().get("domain"));
        String key = registry.credentials(integration.tenantId(), integration.id()).get("apiKey");
        if (key == null) {
            return new ProbeResult.Down("configuration_error", "the integration has no API key");
        }
        URI uri = properties.baseUrl(integration.configuration().get("region"))
                .resolve("/v3/domains/" + URLEncoder.encode(domain, StandardCharsets.UTF_8));
        ProviderResponse response = gateway.call(new ProviderCall(integration.tenantId(), integration.id(), "mailgun",
                "mailgun.domains.get", HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("api:" + key).getBytes(StandardCharsets.UTF_8))).GET().build(), Urgency.BACKGROUND, null));
        String state = json.readTree(response.body()).path("domain").path("state").asString("");
        return new ProbeResult.Up("Mailgun answered for " + domain + (state.isEmpty() ? "" : " (" + state + ")"));
    }
}
