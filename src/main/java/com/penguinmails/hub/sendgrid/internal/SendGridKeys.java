package com.penguinmails.hub.sendgrid.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.providerkeys.KeyTestOutcome;
import com.penguinmails.hub.providerkeys.KeyUnderTest;
import com.penguinmails.hub.providerkeys.ProviderKeyRevoker;
import com.penguinmails.hub.providerkeys.ProviderKeyTester;

/**
 * SendGrid API keys: a candidate must authenticate and hold {@code mail.send}
 * ({@code GET /v3/scopes}); a retired key is deleted with {@code DELETE /v3/api_keys/{id}} using
 * the current key (which then needs the {@code api_keys.delete} scope). The test is a gateway probe, so
 * what the candidate meets never counts against the live integration.
 */
@Component
class SendGridKeys implements ProviderKeyTester, ProviderKeyRevoker {

    private final ProviderGateway gateway;
    private final SendGridProperties properties;
    private final JsonMapper json;

    SendGridKeys(ProviderGateway gateway, SendGridProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public boolean supports(String provider, String field) {
        return "sendgrid".equals(provider) && "apiKey".equals(field);
    }

    @Override
    public KeyTestOutcome test(KeyUnderTest key) {
        ProviderResponse response;
        try {
            response = gateway.probe(new ProviderCall(key.tenantId(), key.integrationId(), "sendgrid",
                    "sendgrid.scopes.get", HttpRequest.newBuilder(properties.baseUrl().resolve("/v3/scopes"))
                    .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + key.value()).GET().build(),
                    Urgency.CALLER_FACING, null).accepting(401, 403));
        } catch (ProviderCallFailed failed) {
            return new KeyTestOutcome.Failed("SendGrid could not be asked about the key ("
                    + failed.error().type().value() + ": " + failed.error().message() + ")");
        }
        if (response.status() != 200) {
            return new KeyTestOutcome.Failed("SendGrid refused the key (HTTP " + response.status() + ")");
        }
        JsonNode scopes;
        try {
            scopes = json.readTree(response.body()).path("scopes");
        } catch (tools.jackson.core.JacksonException e) {
            return new KeyTestOutcome.Failed("SendGrid answered the scope check with a body that is not JSON");
        }
        for (JsonNode scope : scopes) {
            if ("mail.send".equals(scope.asString())) {
                return new KeyTestOutcome.Passed("SendGrid accepted the key with mail.send");
            }
        }
        return new KeyTestOutcome.Failed("the key lacks the mail.send scope");
    }

    @Override
    public void revoke(UUID tenantId, UUID integrationId, String provider, String field, String providerKeyId,
                       String oldValue, Map<String, String> credentials) {
        URI uri = properties.baseUrl().resolve("/v3/api_keys/" + URLEncoder.encode(providerKeyId, StandardCharsets.UTF_8));
        gateway.call(new ProviderCall(tenantId, integrationId, "sendgrid", "sendgrid.api_keys.delete",
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + credentials.get("apiKey")).DELETE().build(),
                Urgency.BACKGROUND, null).accepting(404));
    }
}
