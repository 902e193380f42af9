package com.penguinmails.hub.providerkeys;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Rotation against WireMock providers: the new key is tested first, a refused key changes nothing. */
class ProviderKeyTestingIntegrationTests extends HubIntegrationTest {

    @Autowired
    IntegrationRegistry registry;
    @Autowired
    RetirementJob retirement;

    private final WireMockServer stubs = ProviderStubs.server();
    private SignedInUser owner;
    private UUID tenant;
    private UUID mailgun;
    private String domain;
    private String firstKey;

    @BeforeEach
    void aMailgunIntegration() {
        owner = hub().signedInUser("Owner");
        tenant = hub().tenantOf(owner, "Rotations");
        domain = "rot" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        firstKey = TestSecrets.fresh("key-");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Mailgun",
                "category", "email_service", "provider", "mailgun", "configuration", Map.of("apiKey", firstKey,
                        "domain", domain, "webhookSigningKey", TestSecrets.fresh("sign-")),
                "rateLimits", Map.of("requestsPerMinute", 600, "requestsPerHour", 10000, "strategy", "token-bucket")),
                owner.token());
        mailgun = UUID.fromString(created.body().get("id").asString());
    }

    private void mailgunAnswers(String key, int status) {
        stubs.stubFor(get(urlEqualTo("/v3/domains/" + domain)).withHeader("Authorization", equalTo(basic(key)))
                .willReturn(aResponse().withStatus(status).withBody(status == 200 ? "{\"domain\":{\"name\":\"" + domain + "\"}}"
                        : "{\"message\":\"Invalid private key\"}")));
    }

    private Response rotate(String key, String providerKeyId) {
        Map<String, Object> body = new HashMap<>(Map.of("field", "apiKey", "value", key, "environment", "production",
                "rotationSchedule", "quarterly", "graceHours", 1));
        if (providerKeyId != null) {
            body.put("providerKeyId", providerKeyId);
        }
        return hub().post("/api/v1/tenants/" + tenant + "/integrations/" + mailgun + "/keys", body, owner.token());
    }

    @Test
    void aKeyMailgunAcceptsIsSwitchedTo() {
        String second = TestSecrets.fresh("key-");
        mailgunAnswers(second, 200);
        Response rotated = rotate(second, null);
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
        assertThat(rotated.body().get("testOutcome").asString()).isEqualTo("passed");
        assertThat(registry.credentials(tenant, mailgun)).containsEntry("apiKey", second);
    }

    @Test
    void aKeyMailgunRefusesChangesNothingAndRaisesAnAlert() {
        String bad = TestSecrets.fresh("key-");
        mailgunAnswers(bad, 401);
        Response refused = rotate(bad, null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("key_test_failed");
        assertThat(registry.credentials(tenant, mailgun)).containsEntry("apiKey", firstKey);
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + mailgun, owner.token()).body()
                .get("status").asString()).as("a refused candidate does not fail the integration").isEqualTo("active");

        Response alerts = hub().get("/api/v1/tenants/" + tenant + "/alerts?status=open", owner.token());
        assertThat(alerts.body().get(0).get("type").asString()).isEqualTo("credential");
        assertThat(alerts.body().get(0).get("severity").asString()).isEqualTo("high");
        rotate(bad, null);
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/alerts?status=open", owner.token()).body().get(0)
                .get("occurrences").asInt()).isEqualTo(2);

        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log", owner.token());
        assertThat(audit.body().get("entries").findValuesAsString("action"))
                .contains("credential.used_for_test", "provider_key.test_failed");
        assertThat(audit.raw().body()).doesNotContain(bad);

        String alertId = alerts.body().get(0).get("id").asString();
        assertThat(hub().post("/api/v1/tenants/" + tenant + "/alerts/" + alertId + "/resolve", Map.of(), owner.token())
                .status()).isEqualTo(200);
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/alerts?status=open", owner.token()).body().size()).isZero();
    }

    @Test
    void aKeyTestThatCannotReachMailgunIsRefusedAndLeavesTheLiveIntegrationsBreakerAlone() {
        String candidate = TestSecrets.fresh("key-");
        stubs.stubFor(get(urlEqualTo("/v3/domains/" + domain)).withHeader("Authorization", equalTo(basic(candidate)))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (int attempt = 1; attempt <= 3; attempt++) {
            Response refused = rotate(candidate, null);
            assertThat(refused.status()).as("attempt %d: %s", attempt, refused.raw().body()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("key_test_failed");
            assertThat(refused.body().get("detail").asString()).contains("could not be asked", "network_error");
        }
        assertThat(registry.credentials(tenant, mailgun)).containsEntry("apiKey", firstKey);
        stubs.verify(3, getRequestedFor(urlEqualTo("/v3/domains/" + domain))
                .withHeader("Authorization", equalTo(basic(candidate))));

        Response gateway = hub().get("/api/v1/tenants/" + tenant + "/integrations/" + mailgun + "/gateway", owner.token());
        assertThat(gateway.body().get("circuit").get("state").asString()).isEqualTo("closed");
        assertThat(gateway.body().get("circuit").get("bufferedCalls").asInt()).isZero();
        assertThat(gateway.body().get("errors").size()).as("no incident of the live integration").isZero();
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + mailgun, owner.token()).body()
                .get("status").asString()).isEqualTo("active");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + mailgun + "/keys", owner.token())
                .body().size()).as("no key row was written").isZero();
    }

    @Test
    void aRetiredKeyIsRevokedThroughMailgunsKeysApiWithTheCurrentKey() throws Exception {
        String second = TestSecrets.fresh("key-");
        String third = TestSecrets.fresh("key-");
        mailgunAnswers(second, 200);
        mailgunAnswers(third, 200);
        String keyId = "kid-" + UUID.randomUUID();
        stubs.stubFor(delete(urlEqualTo("/v1/keys/" + keyId)).willReturn(aResponse().withStatus(200)
                .withBody("{\"message\":\"key deleted\"}")));
        assertThat(rotate(second, keyId).status()).isEqualTo(201);
        assertThat(rotate(third, null).status()).isEqualTo(201);
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "update provider_keys set revoke_after = now() - interval '1 minute' where integration_id = ? and state = 'retiring'")) {
            ps.setObject(1, mailgun);
            ps.executeUpdate();
        }
        retirement.run();

        stubs.verify(1, deleteRequestedFor(urlEqualTo("/v1/keys/" + keyId)).withHeader("Authorization", equalTo(basic(third))));
        Response keys = hub().get("/api/v1/tenants/" + tenant + "/integrations/" + mailgun + "/keys", owner.token());
        List<String> revocations = keys.body().findValuesAsString("revocation");
        assertThat(revocations).containsExactlyInAnyOrder("provider", "manual_required");
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
    }
}
