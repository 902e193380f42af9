package com.penguinmails.hub.monitoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant with one watched Mailgun integration whose API is a {@code ProviderStubs} stub of its own
 * domain (one attempt per call, so a failure shows at once), and a webhook endpoint that takes the
 * {@code integration.*} events.
 */
public final class MonitoredTenant {

    public final HubClient hub;
    public final SignedInUser owner;
    public final UUID tenant;
    public final String domain = "mon" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    public final UUID integration;
    public final UUID endpoint;
    /** The integration's Mailgun key: never shown anywhere. */
    public final String apiKey = TestSecrets.fresh("key-");
    /** The integration's Mailgun webhook signing key and the endpoint's signing secret: never shown either. */
    public final String signingKey = TestSecrets.fresh("sign-");
    public final String webhookSecret;

    public MonitoredTenant(HubClient hub, String name) {
        this(hub, hub.signedInUser("Operator"), name);
    }

    /** Another tenant of an existing user (a user with several tenants). */
    public MonitoredTenant(HubClient hub, SignedInUser owner, String name) {
        this.hub = hub;
        this.owner = owner;
        this.tenant = hub.tenantOf(owner, name);
        providerAnswers(200);
        String hookPath = "/hooks/" + UUID.randomUUID();
        ProviderStubs.server().stubFor(post(urlPathEqualTo(hookPath)).willReturn(aResponse().withStatus(204)));
        Response hook = hub.post(base() + "/webhook-endpoints", Map.of("url",
                "http://localhost:" + ProviderStubs.server().port() + hookPath, "eventTypes", List.of("integration.*"),
                "description", "alerts"), owner.token());
        assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
        this.webhookSecret = TestSecrets.register(hook.body().get("secret").asString());
        this.endpoint = UUID.fromString(hook.body().get("endpoint").get("id").asString());
        Response created = hub.post(base() + "/integrations", Map.of(
                "name", "Mailgun " + domain, "category", "email_service", "provider", "mailgun",
                "configuration", Map.of("apiKey", apiKey, "domain", domain,
                        "webhookSigningKey", signingKey, "region", "US"),
                "errorHandling", Map.of("retryPolicy", Map.of("maxAttempts", 1, "backoffStrategy", "linear",
                                "baseDelay", 10, "maxDelay", 10),
                        "circuitBreaker", Map.of("failureThreshold", 1000, "recoveryTimeout", 1000,
                                "monitoringPeriod", 60000),
                        "notifyAdminsOnApiErrors", false),
                "monitoring", Map.of("enabled", true, "healthCheckIntervalSeconds", 60,
                        "responseTimeThresholdMs", 2000, "errorRateThreshold", 0.1)), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        this.integration = UUID.fromString(created.body().get("id").asString());
    }

    public String base() {
        return "/api/v1/tenants/" + tenant;
    }

    /** Mailgun's domain endpoint answers this status from now on. */
    public void providerAnswers(int status) {
        ProviderStubs.server().stubFor(get(urlPathEqualTo("/v3/domains/" + domain)).willReturn(status == 200
                ? okJson("{\"domain\":{\"name\":\"" + domain + "\",\"state\":\"active\"}}")
                : aResponse().withStatus(status).withBody("{\"message\":\"upstream trouble\"}")));
    }

    /** Another path of the domain, for traffic that is not a health check. */
    public String trafficPath(int status) {
        String path = "/v3/" + domain + "/traffic-" + status;
        ProviderStubs.server().stubFor(WireMock.any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        return path;
    }

    /** Runs the integration's health check now; answers the recorded health. */
    public Response check() {
        Response checked = hub.post(base() + "/monitoring/integrations/" + integration + "/check", Map.of(),
                owner.token());
        assertThat(checked.status()).as(checked.raw().body()).isEqualTo(200);
        return checked;
    }

    public Response alerts(String status) {
        return hub.get(base() + "/alerts?integrationId=" + integration + (status == null ? "" : "&status=" + status),
                owner.token());
    }
}
