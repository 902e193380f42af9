package com.penguinmails.hub.email;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant with ESP integrations whose API stubs live on {@code ProviderStubs}, one domain per fixture. */
final class EmailFixtures {

    /** SendGrid's published test verification key (docs/PROVIDERS.md §2.3, vector A). */
    static final String SENDGRID_TEST_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    final HubClient hub;
    final SignedInUser owner;
    final UUID tenant;
    final String domain = "mg" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    final String mailgunKey = TestSecrets.fresh("key-");
    final String signingKey = TestSecrets.fresh("sign-");
    final String sendGridKey = TestSecrets.register("SG." + UUID.randomUUID().toString().replace("-", "") + "."
            + UUID.randomUUID().toString().replace("-", ""));

    EmailFixtures(HubClient hub) {
        this.hub = hub;
        this.owner = hub.signedInUser("Sender");
        this.tenant = hub.tenantOf(owner, "Campaigns");
    }

    String base() {
        return "/api/v1/tenants/" + tenant;
    }

    UUID mailgun(String region) {
        return created(hub.post(base() + "/integrations", mailgunBody(region), owner.token()));
    }

    /** A Mailgun integration whose circuit opens after {@code failures} failed calls and stays open a minute. */
    UUID mailgunOpeningAfter(int failures) {
        Map<String, Object> body = mailgunBody("US");
        body.put("errorHandling", Map.of(
                "retryPolicy", Map.of("maxAttempts", 1, "backoffStrategy", "exponential", "baseDelay", 50, "maxDelay", 1000),
                "circuitBreaker", Map.of("failureThreshold", failures, "recoveryTimeout", 60_000, "monitoringPeriod", 60_000),
                "notifyAdminsOnApiErrors", false));
        return created(hub.post(base() + "/integrations", body, owner.token()));
    }

    private Map<String, Object> mailgunBody(String region) {
        return new HashMap<>(Map.of("name", "Mailgun " + region + " " + UUID.randomUUID(),
                "category", "email_service", "provider", "mailgun",
                "configuration", Map.of("apiKey", mailgunKey, "domain", domain, "webhookSigningKey", signingKey,
                        "region", region),
                "rateLimits", Map.of("requestsPerMinute", 6000, "requestsPerHour", 100000, "strategy", "token-bucket")));
    }

    UUID sendGrid(String publicKey) {
        return created(hub.post(base() + "/integrations", Map.of("name", "SendGrid " + UUID.randomUUID(),
                "category", "email_service", "provider", "sendgrid",
                "configuration", Map.of("apiKey", sendGridKey, "eventWebhookPublicKey", publicKey, "ipPool", "campaigns")),
                owner.token()));
    }

    void defaults(UUID primary, UUID failover) {
        Map<String, Object> body = new HashMap<>();
        body.put("defaultIntegrationId", primary.toString());
        if (failover != null) {
            body.put("failoverIntegrationId", failover.toString());
        }
        Response saved = hub.put(base() + "/email-settings", body, owner.token());
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    }

    Map<String, Object> message(String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("from", "Ada Lovelace <ada@" + domain + ">");
        body.put("to", List.of(to));
        body.put("subject", "Hello from the engine");
        body.put("text", "Plain text");
        body.put("html", "<p>HTML</p>");
        body.put("campaignId", "c-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("recipientId", "r-1");
        return body;
    }

    private static UUID created(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }
}
