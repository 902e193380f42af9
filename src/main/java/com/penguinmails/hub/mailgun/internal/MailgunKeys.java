package com.penguinmails.hub.mailgun.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

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
 * Mailgun API keys: a candidate is tested by reading the integration's domain with it
 * ({@code GET /v3/domains/{domain}}, harmless); a retired key is deleted through the Keys API
 * ({@code DELETE /v1/keys/{id}}) with the current key. A refusal of the candidate comes back as an
 * answer, and the test is a gateway probe (no retries, not the integration's circuit breaker), so
 * testing a bad key, or failing to reach Mailgun, never marks the working integration failed.
 */
@Component
class MailgunKeys implements ProviderKeyTester, ProviderKeyRevoker {

    private final ProviderGateway gateway;
    private final MailgunProperties properties;

    MailgunKeys(ProviderGateway gateway, MailgunProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    @Override
    public boolean supports(String provider, String field) {
        return "mailgun".equals(provider) && "apiKey".equals(field);
    }

    @Override
    public KeyTestOutcome test(KeyUnderTest key) {
        String domain = String.valueOf(key.configuration().get("domain"));
        URI uri = properties.baseUrl(key.configuration().get("region"))
                .resolve("/v3/domains/" + URLEncoder.encode(domain, StandardCharsets.UTF_8));
        ProviderResponse response;
        try {
            response = gateway.probe(new ProviderCall(key.tenantId(), key.integrationId(), "mailgun",
                    "mailgun.domains.get", HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("Authorization", basic(key.value())).GET().build(), Urgency.CALLER_FACING, null)
                    .accepting(401, 403, 404));
        } catch (ProviderCallFailed failed) {
            return new KeyTestOutcome.Failed("Mailgun could not be asked about the key ("
                    + failed.error().type().value() + ": " + failed.error().message() + ")");
        }
        return switch (response.status()) {
            case 200 -> new KeyTestOutcome.Passed("Mailgun accepted the key for " + domain);
            case 404 -> new KeyTestOutcome.Failed("Mailgun does not know the domain " + domain + " for this key");
            default -> new KeyTestOutcome.Failed("Mailgun refused the key (HTTP " + response.status() + ")");
        };
    }

    @Override
    public void revoke(UUID tenantId, UUID integrationId, String provider, String field, String providerKeyId,
                       String oldValue, Map<String, String> credentials) {
        URI uri = properties.usBaseUrl().resolve("/v1/keys/" + URLEncoder.encode(providerKeyId, StandardCharsets.UTF_8));
        gateway.call(new ProviderCall(tenantId, integrationId, "mailgun", "mailgun.keys.delete",
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                        .header("Authorization", basic(credentials.get("apiKey"))).DELETE().build(),
                Urgency.BACKGROUND, null).accepting(404));
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
    }
}
