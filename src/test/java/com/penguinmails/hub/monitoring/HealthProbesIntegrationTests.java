package com.penguinmails.hub.monitoring;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SendGrid and PostHog health probes against WireMock stubs of their APIs: what each provider's
 * answer makes of the recorded health and of the alerts. SendGrid's stub answers by the integration's
 * own key (every SendGrid integration calls the same {@code /v3/scopes}); PostHog's by a path of the
 * integration's own host.
 */
class HealthProbesIntegrationTests extends HubIntegrationTest {

    private static final String SENDGRID_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    @Test
    void sendGridIsUpWhileTheKeyHoldsMailSendAndDownWithoutIt() {
        Watched t = new Watched("SendGrid probe");
        String key = TestSecrets.register("SG." + UUID.randomUUID().toString().replace("-", "") + "."
                + UUID.randomUUID().toString().replace("-", ""));
        scopes(key, 200, "{\"scopes\":[\"alerts.read\",\"mail.send\"]}");
        UUID integration = t.create(Map.of("name", "SendGrid", "category", "email_service", "provider", "sendgrid",
                "configuration", Map.of("apiKey", key, "eventWebhookPublicKey", SENDGRID_PUBLIC_KEY)));

        JsonNode up = t.check(integration);
        assertThat(up.get("status").asString()).isEqualTo("healthy");
        assertThat(up.get("probe").asString()).isEqualTo("up");
        assertThat(up.get("probeDetail").asString()).contains("mail.send");
        ProviderStubs.server().verify(getRequestedFor(urlPathEqualTo("/v3/scopes"))
                .withHeader("Authorization", equalTo("Bearer " + key)));
        assertThat(t.alerts(integration, "open")).isEmpty();

        // the key lost mail.send: SendGrid still answers, but the integration cannot send
        scopes(key, 200, "{\"scopes\":[\"alerts.read\",\"stats.read\"]}");
        JsonNode lacking = t.check(integration);
        assertThat(lacking.get("status").asString()).isEqualTo("unhealthy");
        assertThat(lacking.get("probe").asString()).isEqualTo("down");
        assertThat(lacking.get("reasons").toString()).contains("lacks the mail.send scope");
        JsonNode open = t.alerts(integration, "open");
        assertThat(open).extracting(a -> a.get("type").asString()).containsExactly("connectivity");
        assertThat(open.get(0).get("message").asString()).contains("authorization_error").contains("mail.send");

        // the key is refused outright: the gateway also puts the integration in error with a credential alert
        scopes(key, 401, "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}");
        JsonNode refused = t.check(integration);
        assertThat(refused.get("status").asString()).isEqualTo("unhealthy");
        assertThat(refused.get("probe").asString()).isEqualTo("down");
        JsonNode stillOpen = t.alerts(integration, "open");
        assertThat(stillOpen).extracting(a -> a.get("type").asString())
                .containsExactlyInAnyOrder("connectivity", "credential");
        JsonNode connectivity = find(stillOpen, "connectivity");
        assertThat(connectivity.get("occurrences").asInt()).as("the same alert, counted again").isEqualTo(2);
        assertThat(connectivity.get("message").asString()).contains("authentication_error");
        assertThat(t.status(integration)).isEqualTo("error");

        // mail.send is back: healthy, the integration active again, the connectivity alert resolves itself; the
        // credential alert waits for an admin (it also stands for a new key that failed its test)
        scopes(key, 200, "{\"scopes\":[\"mail.send\"]}");
        assertThat(t.check(integration).get("status").asString()).isEqualTo("healthy");
        assertThat(t.status(integration)).isEqualTo("active");
        assertThat(t.alerts(integration, "open")).extracting(a -> a.get("type").asString()).containsExactly("credential");
        JsonNode resolved = t.alerts(integration, "resolved");
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).get("type").asString()).isEqualTo("connectivity");
        assertThat(resolved.get(0).get("resolvedBy").asString()).isEqualTo("health_check");
        assertThat(resolved.toString() + stillOpen).doesNotContain(key);
    }

    @Test
    void postHogIsUpWhenItEvaluatesTheFlagsAndRaisesAQuotaAlertWhenFlagsAreQuotaLimited() {
        Watched t = new Watched("PostHog probe");
        String projectKey = "phc_" + UUID.randomUUID().toString().replace("-", "");
        String prefix = "/posthog-" + UUID.randomUUID();
        flags(prefix, projectKey, 200, "{\"flags\":{\"beta\":{\"key\":\"beta\",\"enabled\":true},"
                + "\"new-ui\":{\"key\":\"new-ui\",\"enabled\":false}},\"errorsWhileComputingFlags\":false}");
        UUID integration = t.create(Map.of("name", "PostHog", "category", "analytics", "provider", "posthog",
                "configuration", Map.of("projectApiKey", projectKey,
                        "host", "http://localhost:" + ProviderStubs.server().port() + prefix)));

        JsonNode up = t.check(integration);
        assertThat(up.get("status").asString()).isEqualTo("healthy");
        assertThat(up.get("probe").asString()).isEqualTo("up");
        assertThat(up.get("probeDetail").asString()).contains("(2)");
        ProviderStubs.server().verify(postRequestedFor(urlEqualTo(prefix + "/flags?v=2")).withRequestBody(equalToJson(
                "{\"api_key\":\"" + projectKey + "\",\"distinct_id\":\"penguinmails-health-check\"}")));

        // the project ran out of its feature-flag quota: PostHog answers 200 with quotaLimited
        flags(prefix, projectKey, 200, "{\"flags\":{},\"errorsWhileComputingFlags\":false,"
                + "\"quotaLimited\":[\"feature_flags\"]}");
        JsonNode limited = t.check(integration);
        assertThat(limited.get("probe").asString()).isEqualTo("down");
        assertThat(limited.get("status").asString()).isEqualTo("unhealthy");
        assertThat(limited.get("reasons").toString()).contains("provider quota exceeded");
        JsonNode open = t.alerts(integration, "open");
        assertThat(open).extracting(a -> a.get("type").asString())
                .containsExactlyInAnyOrder("quota_exceeded", "connectivity");
        JsonNode quota = find(open, "quota_exceeded");
        assertThat(quota.get("severity").asString()).isEqualTo("high");
        assertThat(quota.get("message").asString()).contains("feature-flag quota");
        assertThat(find(open, "connectivity").get("message").asString()).contains("quota_error");

        // a refused project key: down, connectivity still open, the integration in error with a credential alert
        flags(prefix, projectKey, 401, "{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\","
                + "\"detail\":\"Project API key invalid.\"}");
        JsonNode refused = t.check(integration);
        assertThat(refused.get("probe").asString()).isEqualTo("down");
        assertThat(refused.get("status").asString()).isEqualTo("unhealthy");
        JsonNode failing = t.alerts(integration, "open");
        assertThat(find(failing, "connectivity").get("message").asString()).contains("authentication_error");
        assertThat(find(failing, "credential").get("severity").asString()).isEqualTo("critical");
        assertThat(t.status(integration)).isEqualTo("error");

        // the quota is lifted and the key accepted: healthy and active again, quota and connectivity resolved by
        // the check (the credential alert waits for an admin)
        flags(prefix, projectKey, 200, "{\"flags\":{},\"errorsWhileComputingFlags\":false,\"quotaLimited\":[]}");
        assertThat(t.check(integration).get("status").asString()).isEqualTo("healthy");
        assertThat(t.status(integration)).isEqualTo("active");
        assertThat(t.alerts(integration, "open")).extracting(a -> a.get("type").asString()).containsExactly("credential");
        JsonNode resolved = t.alerts(integration, "resolved");
        assertThat(resolved).extracting(a -> a.get("type").asString())
                .containsExactlyInAnyOrder("quota_exceeded", "connectivity");
        assertThat(resolved).allSatisfy(a -> assertThat(a.get("resolvedBy").asString()).isEqualTo("health_check"));
    }

    private static void scopes(String key, int status, String body) {
        ProviderStubs.server().stubFor(get(urlPathEqualTo("/v3/scopes")).withHeader("Authorization",
                equalTo("Bearer " + key)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void flags(String prefix, String projectKey, int status, String body) {
        ProviderStubs.server().stubFor(post(urlPathEqualTo(prefix + "/flags"))
                .withRequestBody(equalToJson("{\"api_key\":\"" + projectKey + "\"}", true, true))
                .willReturn(status == 200 ? okJson(body) : aResponse().withStatus(status)
                        .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static JsonNode find(JsonNode alerts, String type) {
        for (JsonNode alert : alerts) {
            if (type.equals(alert.get("type").asString())) {
                return alert;
            }
        }
        throw new AssertionError("no " + type + " alert in " + alerts);
    }

    /** A tenant whose integrations fail at once (one attempt, no breaker) and are checked on demand. */
    private final class Watched {

        final SignedInUser owner;
        final UUID tenant;

        Watched(String name) {
            owner = hub().signedInUser("Operator");
            tenant = hub().tenantOf(owner, name);
        }

        UUID create(Map<String, Object> integration) {
            Map<String, Object> body = new java.util.HashMap<>(integration);
            body.put("errorHandling", Map.of("retryPolicy", Map.of("maxAttempts", 1, "backoffStrategy", "linear",
                            "baseDelay", 10, "maxDelay", 10),
                    "circuitBreaker", Map.of("failureThreshold", 1000, "recoveryTimeout", 1000, "monitoringPeriod", 60000),
                    "notifyAdminsOnApiErrors", false));
            body.put("monitoring", Map.of("enabled", true, "healthCheckIntervalSeconds", 60,
                    "responseTimeThresholdMs", 2000, "errorRateThreshold", 0.5));
            Response created = hub().post(base() + "/integrations", body, owner.token());
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            return UUID.fromString(created.body().get("id").asString());
        }

        String base() {
            return "/api/v1/tenants/" + tenant;
        }

        JsonNode check(UUID integration) {
            Response checked = hub().post(base() + "/monitoring/integrations/" + integration + "/check", Map.of(),
                    owner.token());
            assertThat(checked.status()).as(checked.raw().body()).isEqualTo(200);
            return checked.body();
        }

        String status(UUID integration) {
            Response found = hub().get(base() + "/integrations/" + integration, owner.token());
            assertThat(found.status()).as(found.raw().body()).isEqualTo(200);
            return found.body().get("status").asString();
        }

        JsonNode alerts(UUID integration, String status) {
            Response alerts = hub().get(base() + "/alerts?integrationId=" + integration + "&status=" + status,
                    owner.token());
            assertThat(alerts.status()).as(alerts.raw().body()).isEqualTo(200);
            return alerts.body();
        }
    }
}
