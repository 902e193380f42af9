package com.penguinmails.hub.integration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.security.SecretTamperedException;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationRegistryIntegrationTests extends HubIntegrationTest {

    static final String SENDGRID_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    @Autowired
    IntegrationRegistry registry;

    private SignedInUser owner;
    private UUID tenant;
    private String base;
    private String apiKey;
    private String signingKey;

    @BeforeEach
    void aTenant() {
        owner = hub().signedInUser("Owner");
        tenant = hub().tenantOf(owner, "Mailers");
        base = "/api/v1/tenants/" + tenant + "/integrations";
        apiKey = TestSecrets.fresh("key-");
        signingKey = TestSecrets.fresh("sign-");
    }

    Map<String, Object> mailgun(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("category", "email_service");
        body.put("provider", "mailgun");
        body.put("configuration", Map.of("apiKey", apiKey, "domain", "mg.example.com", "webhookSigningKey", signingKey));
        body.put("rateLimits", Map.of("requestsPerMinute", 300, "requestsPerHour", 10000, "strategy", "token-bucket"));
        return body;
    }

    @Test
    void aRegisteredIntegrationShowsOnlyHintsOfItsSecrets() throws Exception {
        Response created = hub().post(base, mailgun("Mailgun EU"), owner.token());

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain(apiKey).doesNotContain(signingKey);
        assertThat(created.body().get("status").asString()).isEqualTo("active");
        assertThat(created.body().get("configuration").get("domain").asString()).isEqualTo("mg.example.com");
        assertThat(created.body().get("configuration").get("region").asString()).isEqualTo("US");
        assertThat(created.body().get("configuration").has("apiKey")).isFalse();
        assertThat(created.body().get("credentials").get("apiKey").get("hint").asString())
                .isEqualTo("…" + apiKey.substring(apiKey.length() - 4));
        assertThat(created.body().get("errorHandling").get("circuitBreaker").get("failureThreshold").asInt()).isEqualTo(5);

        UUID id = UUID.fromString(created.body().get("id").asString());
        Response read = hub().get(base + "/" + id, owner.token());
        assertThat(read.raw().body()).doesNotContain(apiKey).doesNotContain(signingKey);
        assertThat(hub().get(base, owner.token()).raw().body()).doesNotContain(apiKey);

        assertThat(registry.credentials(tenant, id)).containsEntry("apiKey", apiKey)
                .containsEntry("webhookSigningKey", signingKey);
        try (Connection db = TestDatabase.asOwner();
             PreparedStatement ps = db.prepareStatement("select sealed from integration_secrets where integration_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .doesNotContain(apiKey).doesNotContain(signingKey);
                }
            }
        }
    }

    @Test
    void eachProviderConfigurationIsValidatedFieldByField() {
        Map<String, Object> noDomain = mailgun("Broken");
        noDomain.put("configuration", Map.of("region", "APAC", "colour", "blue"));
        noDomain.put("rateLimits", Map.of("strategy", "token-bucket"));
        assertThat(fields(hub().post(base, noDomain, owner.token()))).containsExactlyInAnyOrder(
                "configuration.apiKey", "configuration.domain", "configuration.webhookSigningKey",
                "configuration.region", "configuration.colour");

        Map<String, Object> noRates = mailgun("No rates");
        noRates.put("rateLimits", Map.of("requestsPerSecond", 5, "strategy", "fixed-window"));
        assertThat(fields(hub().post(base, noRates, owner.token())))
                .containsExactlyInAnyOrder("rateLimits.requestsPerMinute", "rateLimits.requestsPerHour");

        assertThat(fields(hub().post(base, Map.of("name", "SG", "category", "email_service", "provider", "sendgrid",
                "configuration", Map.of("apiKey", "not-a-key", "eventWebhookPublicKey", "bm90IGEga2V5",
                        "ipPool", "bad pool!")), owner.token())))
                .containsExactlyInAnyOrder("configuration.apiKey", "configuration.eventWebhookPublicKey",
                        "configuration.ipPool");

        assertThat(fields(hub().post(base, Map.of("name", "Stripe", "category", "payment_processor",
                "provider", "stripe", "configuration", Map.of("publishableKey", "pk_test_abcdefghij",
                        "secretKey", TestSecrets.fresh("sk_live_"), "webhookSecrets", List.of("whsec_abcdefghij"),
                        "applicationFeePercent", 120)), owner.token())))
                .containsExactly("configuration.applicationFeePercent");

        assertThat(fields(hub().post(base, Map.of("name", "Stripe", "category", "payment_processor",
                "provider", "stripe", "configuration", Map.of("publishableKey", "pk_test_abcdefghij",
                        "secretKey", TestSecrets.fresh("sk_live_"), "webhookSecrets", List.of("whsec_abcdefghij"))),
                owner.token()))).containsExactly("configuration.secretKey");

        assertThat(fields(hub().post(base, Map.of("name", "Google", "category", "crm", "provider", "google",
                "configuration", Map.of("clientId", "client-123", "clientSecret", TestSecrets.fresh("gsecret-"),
                        "scopes", List.of(), "redirectUri", "http://evil.example.com/cb")), owner.token())))
                .containsExactlyInAnyOrder("category", "configuration.scopes", "configuration.redirectUri");

        assertThat(fields(hub().post(base, Map.of("name", "Mystery", "category", "crm", "provider", "nope"),
                owner.token()))).containsExactly("provider");
        assertThat(hub().get(base, owner.token()).body().size()).isZero();
    }

    @Test
    void everyKnownProviderAcceptsAValidConfiguration() {
        List<Map<String, Object>> valid = List.of(
                Map.of("name", "SendGrid", "category", "email_service", "provider", "sendgrid", "configuration",
                        Map.of("apiKey", TestSecrets.register("SG.abcdefghijkl.mnopqrstuvwxyz0123"),
                                "eventWebhookPublicKey", SENDGRID_PUBLIC_KEY, "ipPool", "marketing")),
                Map.of("name", "Stripe", "category", "payment_processor", "provider", "stripe", "configuration",
                        Map.of("publishableKey", "pk_test_abcdefghij", "secretKey", TestSecrets.fresh("sk_test_"),
                                "webhookSecrets", List.of(TestSecrets.fresh("whsec_"), TestSecrets.fresh("whsec_")),
                                "connectAccountId", "acct_1234567", "applicationFeePercent", 2.5)),
                Map.of("name", "PostHog", "category", "analytics", "provider", "posthog", "configuration",
                        Map.of("projectApiKey", "phc_abcdefghijkl", "personalApiKey", TestSecrets.fresh("phx_"))),
                Map.of("name", "Outlook", "category", "email_service", "provider", "microsoft", "configuration",
                        Map.of("clientId", "client-123", "clientSecret", TestSecrets.fresh("msecret-"),
                                "scopes", List.of("offline_access", "https://graph.microsoft.com/Mail.Send"),
                                "redirectUri", "http://localhost:8080/oauth/callback/microsoft")),
                Map.of("name", "HubSpot", "category", "crm", "provider", "hubspot", "configuration",
                        Map.of("clientId", "client-123", "clientSecret", TestSecrets.fresh("hsecret-"),
                                "scopes", List.of("crm.objects.contacts.read"),
                                "redirectUri", "http://localhost:8080/oauth/callback/hubspot")));
        for (Map<String, Object> body : valid) {
            Response created = hub().post(base, body, owner.token());
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        }
        Response stripe = hub().get(base + "?provider=stripe", owner.token());
        assertThat(stripe.body().get(0).get("credentials").get("webhookSecrets").get("hint").asString()).contains(", ");
        assertThat(hub().get(base + "?category=crm", owner.token()).body().size()).isEqualTo(1);
        assertThat(hub().get(base + "?category=bogus", owner.token()).status()).isEqualTo(400);
    }

    @Test
    void anOAuthClientMustUseTheHubsOwnCallbackAndAConfiguredProvider() {
        Map<String, Object> google = new HashMap<>(Map.of("clientId", "client-123",
                "clientSecret", TestSecrets.fresh("gsecret-"), "scopes", List.of("email"),
                "redirectUri", "https://attacker.example.com/oauth/callback/google"));
        Response foreign = hub().post(base, Map.of("name", "Google", "category", "email_service", "provider", "google",
                "configuration", google), owner.token());
        assertThat(fields(foreign)).containsExactly("configuration.redirectUri");
        assertThat(foreign.raw().body()).contains("http://localhost:8080/oauth/callback/google");
        // another provider's callback is refused too (one callback per provider)
        google.put("redirectUri", "http://localhost:8080/oauth/callback/hubspot");
        assertThat(fields(hub().post(base, Map.of("name", "Google", "category", "email_service", "provider", "google",
                "configuration", google), owner.token()))).containsExactly("configuration.redirectUri");

        Map<String, Object> nobody = new HashMap<>(Map.of("clientId", "client-123",
                "clientSecret", TestSecrets.fresh("osecret-"), "scopes", List.of("read"), "oauthProvider", "nobody",
                "redirectUri", "http://localhost:8080/oauth/callback/nobody"));
        Response unknown = hub().post(base, Map.of("name", "Nobody", "category", "crm", "provider", "oauth2",
                "configuration", nobody), owner.token());
        assertThat(fields(unknown)).containsExactly("configuration.oauthProvider");
        assertThat(unknown.raw().body()).contains("acme");
        // a built-in provider is not an oauth2 integration's provider
        nobody.put("oauthProvider", "google");
        nobody.put("redirectUri", "http://localhost:8080/oauth/callback/google");
        assertThat(fields(hub().post(base, Map.of("name", "Nobody", "category", "crm", "provider", "oauth2",
                "configuration", nobody), owner.token()))).containsExactly("configuration.oauthProvider");
        nobody.put("oauthProvider", "acme");
        assertThat(fields(hub().post(base, Map.of("name", "Acme", "category", "crm", "provider", "oauth2",
                "configuration", nobody), owner.token()))).containsExactly("configuration.redirectUri");
        assertThat(hub().get(base, owner.token()).body().size()).isZero();

        nobody.put("redirectUri", "http://localhost:8080/oauth/callback/acme");
        Response acme = hub().post(base, Map.of("name", "Acme", "category", "crm", "provider", "oauth2",
                "configuration", nobody), owner.token());
        assertThat(acme.status()).as(acme.raw().body()).isEqualTo(201);
        // an update is held to the same rules
        nobody.put("redirectUri", "https://attacker.example.com/oauth/callback/acme");
        assertThat(fields(hub().put(base + "/" + acme.body().get("id").asString(), Map.of("name", "Acme",
                "category", "crm", "provider", "oauth2", "configuration", nobody), owner.token())))
                .containsExactly("configuration.redirectUri");
    }

    @Test
    void reconfiguringKeepsOmittedSecretsAndReplacesGivenOnes() {
        Response created = hub().post(base, mailgun("Mailgun"), owner.token());
        String id = created.body().get("id").asString();

        Map<String, Object> update = mailgun("Mailgun renamed");
        update.put("configuration", Map.of("domain", "mg2.example.com", "region", "EU"));
        Response kept = hub().put(base + "/" + id, update, owner.token());
        assertThat(kept.status()).as(kept.raw().body()).isEqualTo(200);
        assertThat(kept.body().get("version").asLong()).isEqualTo(2);
        assertThat(registry.credentials(tenant, UUID.fromString(id))).containsEntry("apiKey", apiKey);

        String newKey = TestSecrets.fresh("key-");
        update.put("configuration", Map.of("domain", "mg2.example.com", "apiKey", newKey));
        Response replaced = hub().put(base + "/" + id, update, owner.token());
        assertThat(replaced.body().get("credentials").get("apiKey").get("hint").asString())
                .isEqualTo("…" + newKey.substring(newKey.length() - 4));
        assertThat(registry.credentials(tenant, UUID.fromString(id))).containsEntry("apiKey", newKey);

        update.put("provider", "sendgrid");
        assertThat(fields(hub().put(base + "/" + id, update, owner.token()))).containsExactly("provider");
        assertThat(hub().post(base, mailgun("Mailgun renamed"), owner.token()).code()).isEqualTo("integration_name_taken");
    }

    @Test
    void webhookSecretsAreWriteOnlyToo() {
        Map<String, Object> body = mailgun("With webhooks");
        String secret = TestSecrets.fresh("whk-");
        body.put("webhooks", List.of(Map.of("id", "events", "url", "https://customer.example.com/hooks",
                "events", List.of("delivered", "failed"), "secret", secret,
                "retryPolicy", Map.of("maxAttempts", 5, "backoffStrategy", "exponential", "baseDelay", 1000,
                        "maxDelay", 60000),
                "filters", List.of(Map.of("eventType", "failed", "conditions", Map.of("severity", "permanent"))))));
        Response created = hub().post(base, body, owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain(secret);
        assertThat(created.body().get("webhooks").get(0).get("secretHint").asString())
                .isEqualTo("…" + secret.substring(secret.length() - 4));
        assertThat(registry.credentials(tenant, UUID.fromString(created.body().get("id").asString())))
                .containsEntry("webhooks.events.secret", secret);
    }

    @Test
    void statusChangesFollowTheTransitionTable() {
        SignedInUser member = hub().signedInUser("Member");
        hub().addMember(owner, tenant, member, "member");
        String id = hub().post(base, mailgun("Lifecycle"), owner.token()).body().get("id").asString();
        UUID integrationId = UUID.fromString(id);
        String status = base + "/" + id + "/status";

        assertThat(hub().post(status, Map.of("status", "maintenance", "reason", "DNS move"), member.token())
                .body().get("status").asString()).isEqualTo("maintenance");
        assertThat(hub().post(status, Map.of("status", "active"), member.token()).status()).isEqualTo(200);
        Response intoError = hub().post(status, Map.of("status", "error"), owner.token());
        assertThat(intoError.status()).isEqualTo(409);
        assertThat(intoError.code()).isEqualTo("status_transition_refused");

        registry.changeStatus(tenant, integrationId, IntegrationStatus.ERROR, StatusChanger.SYSTEM, "401 from Mailgun");
        assertThat(hub().get(base + "/" + id, owner.token()).body().get("statusReason").asString())
                .isEqualTo("401 from Mailgun");
        assertThat(hub().post(status, Map.of("status", "active"), member.token()).code())
                .isEqualTo("status_transition_refused");
        registry.changeStatus(tenant, integrationId, IntegrationStatus.ACTIVE, StatusChanger.HEALTH_CHECK, "check passed");
        registry.changeStatus(tenant, integrationId, IntegrationStatus.ERROR, StatusChanger.SYSTEM, "again");
        assertThat(hub().post(status, Map.of("status", "active"), owner.token()).status()).isEqualTo(200);

        assertThat(hub().post(status, Map.of("status", "deprecated"), member.token()).code())
                .isEqualTo("status_transition_refused");
        assertThat(hub().post(status, Map.of("status", "deprecated"), owner.token()).status()).isEqualTo(200);
        for (String to : List.of("active", "inactive", "maintenance")) {
            assertThat(hub().post(status, Map.of("status", to), owner.token()).code()).isEqualTo("status_transition_refused");
        }
        assertThat(hub().put(base + "/" + id, mailgun("Lifecycle"), owner.token()).code()).isEqualTo("integration_deprecated");
        assertThat(hub().post(status, Map.of("status", "sideways"), owner.token()).code()).isEqualTo("validation_failed");

        Response table = hub().get(base + "/status-transitions", owner.token());
        assertThat(table.body().findValues("from").stream().map(n -> n.asString()).toList())
                .containsExactly("active", "inactive", "error", "maintenance", "deprecated");
        assertThat(table.body().get(4).get("to").size()).isZero();
    }

    @Test
    void aSecretMovedToAnotherRowOrTenantFailsLoudly() throws Exception {
        UUID first = UUID.fromString(hub().post(base, mailgun("First"), owner.token()).body().get("id").asString());
        UUID second = UUID.fromString(hub().post(base, mailgun("Second"), owner.token()).body().get("id").asString());
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement("""
                update integration_secrets set sealed = (select sealed from integration_secrets
                    where integration_id = ? and field = 'apiKey')
                where integration_id = ? and field = 'apiKey'""")) {
            ps.setObject(1, first);
            ps.setObject(2, second);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> registry.credentials(tenant, second)).isInstanceOf(SecretTamperedException.class);
        assertThat(registry.credentials(tenant, first)).containsEntry("apiKey", apiKey);
    }

    @Test
    void outsidersViewersAndMembersGetWhatTheirRoleAllows() {
        SignedInUser viewer = hub().signedInUser("Viewer");
        SignedInUser member = hub().signedInUser("Member");
        SignedInUser outsider = hub().signedInUser("Outsider");
        hub().addMember(owner, tenant, viewer, "viewer");
        hub().addMember(owner, tenant, member, "member");
        String id = hub().post(base, mailgun("Shared"), owner.token()).body().get("id").asString();

        assertThat(hub().get(base + "/" + id, outsider.token()).code()).isEqualTo("tenant_not_found");
        assertThat(hub().get(base + "/" + UUID.randomUUID(), owner.token()).code()).isEqualTo("integration_not_found");
        assertThat(hub().get(base + "/" + id, viewer.token()).status()).isEqualTo(200);
        assertThat(hub().post(base, mailgun("Viewer's"), viewer.token()).status()).isEqualTo(403);
        assertThat(hub().delete(base + "/" + id, member.token()).code()).isEqualTo("insufficient_role");

        UUID otherTenant = hub().tenantOf(outsider, "Elsewhere");
        assertThat(hub().get("/api/v1/tenants/" + otherTenant + "/integrations/" + id, outsider.token()).code())
                .isEqualTo("integration_not_found");

        assertThat(hub().delete(base + "/" + id, owner.token()).status()).isEqualTo(204);
        assertThat(registry.credentials(tenant, UUID.fromString(id))).isEmpty();
    }

    @Test
    void everyChangeIsAuditedWithFieldsButNeverSecretValues() {
        String id = hub().post(base, mailgun("Audited"), owner.token()).body().get("id").asString();
        Map<String, Object> update = mailgun("Audited again");
        String newKey = TestSecrets.fresh("key-");
        update.put("configuration", Map.of("domain", "mg9.example.com", "apiKey", newKey));
        hub().put(base + "/" + id, update, owner.token());
        hub().post(base + "/" + id + "/status", Map.of("status", "inactive", "reason", "paused"), owner.token());
        hub().delete(base + "/" + id, owner.token());

        Response log = hub().get("/api/v1/tenants/" + tenant + "/audit-log?targetId=" + id, owner.token());
        assertThat(log.status()).as(log.raw().body()).isEqualTo(200);
        assertThat(log.body().get("entries").findValuesAsString("action")).containsExactlyInAnyOrder(
                "integration.created", "integration.updated", "integration.status_changed", "integration.deleted");
        assertThat(log.raw().body()).doesNotContain(apiKey).doesNotContain(signingKey).doesNotContain(newKey)
                .contains("mg9.example.com").contains("\"secret\":true");
        var updated = log.body().get("entries").findParents("action").stream()
                .filter(e -> e.get("action").asString().equals("integration.updated")).findFirst().orElseThrow();
        assertThat(updated.get("changes").get("name").get("new").asString()).isEqualTo("Audited again");
        assertThat(updated.get("changes").get("apiKey").get("secret").asBoolean()).isTrue();
        assertThat(updated.get("actorId").asString()).isEqualTo(owner.id().toString());
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        return response.body().get("errors").findValuesAsString("field");
    }
}
