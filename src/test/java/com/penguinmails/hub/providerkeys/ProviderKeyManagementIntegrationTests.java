package com.penguinmails.hub.providerkeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderKeyManagementIntegrationTests extends HubIntegrationTest {

    @Autowired
    IntegrationRegistry registry;
    @Autowired
    RetirementJob retirementJob;

    private SignedInUser owner;
    private UUID tenant;
    private UUID integration;
    private String keys;
    private String firstKey;

    @BeforeEach
    void aCustomIntegration() {
        owner = hub().signedInUser("Owner");
        tenant = hub().tenantOf(owner, "Keys");
        firstKey = TestSecrets.fresh("first-");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Warehouse",
                "category", "storage", "provider", "custom",
                "configuration", Map.of("baseUrl", "https://warehouse.example.com", "apiKey", firstKey)), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        integration = UUID.fromString(created.body().get("id").asString());
        keys = "/api/v1/tenants/" + tenant + "/integrations/" + integration + "/keys";
    }

    private Map<String, Object> newKey(String value, String schedule) {
        Map<String, Object> body = new HashMap<>();
        body.put("field", "apiKey");
        body.put("value", value);
        body.put("environment", "production");
        body.put("permissions", List.of("read", "write"));
        body.put("rotationSchedule", schedule);
        body.put("graceHours", 1);
        return body;
    }

    @Test
    void rotationSwitchesTheCredentialAndKeepsTheOldKeyThroughItsGrace() {
        String second = TestSecrets.fresh("second-");
        Response rotated = hub().post(keys, newKey(second, "monthly"), owner.token());

        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
        assertThat(rotated.raw().body()).doesNotContain(second);
        assertThat(rotated.body().get("state").asString()).isEqualTo("active");
        assertThat(rotated.body().get("testOutcome").asString()).isEqualTo("untested");
        assertThat(registry.credentials(tenant, integration)).containsEntry("apiKey", second);

        Response listed = hub().get(keys, owner.token());
        assertThat(listed.body().findValuesAsString("state")).containsExactlyInAnyOrder("active", "retiring");
        assertThat(listed.raw().body()).doesNotContain(firstKey).doesNotContain(second);
        JsonState retiring = state(listed, "retiring");
        assertThat(retiring.revokeAfter()).isAfter(Instant.now().plus(50, ChronoUnit.MINUTES));

        String third = TestSecrets.fresh("third-");
        assertThat(hub().post(keys, newKey(third, "never"), owner.token()).status()).isEqualTo(201);
        assertThat(hub().get(keys, owner.token()).body().findValuesAsString("state"))
                .containsExactlyInAnyOrder("active", "retiring", "retiring");
        assertThat(registry.credentials(tenant, integration)).containsEntry("apiKey", third);
    }

    @Test
    void afterTheGraceTheOldKeyIsRevokedAndErased() throws Exception {
        hub().post(keys, newKey(TestSecrets.fresh("second-"), "monthly"), owner.token());
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "update provider_keys set revoke_after = now() - interval '1 minute' where integration_id = ? and state = 'retiring'")) {
            ps.setObject(1, integration);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        retirementJob.run();

        Response listed = hub().get(keys, owner.token());
        JsonState revoked = state(listed, "revoked");
        assertThat(revoked.revocation()).isEqualTo("manual_required"); // a custom provider has no revocation API
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "select count(*) from provider_keys where integration_id = ? and sealed_value is not null")) {
            ps.setObject(1, integration);
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void theDueReportListsKeysDueForRotationOrExpiring() {
        Map<String, Object> expiring = newKey(TestSecrets.fresh("expiring-"), "never");
        expiring.put("expiresAt", Instant.now().plus(10, ChronoUnit.DAYS).toString());
        hub().post(keys, expiring, owner.token());

        Response soon = hub().get("/api/v1/tenants/" + tenant + "/provider-keys/due?withinDays=30", owner.token());
        assertThat(soon.body().size()).isEqualTo(1);
        assertThat(soon.body().get(0).get("reasons").get(0).asString()).isEqualTo("expiring");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/provider-keys/due?withinDays=5", owner.token())
                .body().size()).isZero();

        hub().post(keys, newKey(TestSecrets.fresh("monthly-"), "monthly"), owner.token());
        Response rotation = hub().get("/api/v1/tenants/" + tenant + "/provider-keys/due?withinDays=31", owner.token());
        assertThat(rotation.body().get(0).get("reasons").get(0).asString()).isEqualTo("rotation_due");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/provider-keys/due?withinDays=-1", owner.token())
                .status()).isEqualTo(400);
    }

    @Test
    void onlyAdminsRotateAndOnlyCredentialFieldsCanBeRotated() {
        SignedInUser member = hub().signedInUser("Member");
        hub().addMember(owner, tenant, member, "member");
        assertThat(hub().post(keys, newKey(TestSecrets.fresh("x-"), "never"), member.token()).code())
                .isEqualTo("insufficient_role");

        Map<String, Object> notASecret = newKey(TestSecrets.fresh("x-"), "never");
        notASecret.put("field", "baseUrl");
        Response refused = hub().post(keys, notASecret, owner.token());
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactly("field");
        assertThat(registry.credentials(tenant, integration)).containsEntry("apiKey", firstKey);
    }

    @Test
    void theKeysOfAnotherTenantsIntegrationOrOfNoIntegrationAreNotFound() {
        assertThat(hub().post(keys, newKey(TestSecrets.fresh("x-"), "never"), owner.token()).status()).isEqualTo(201);
        SignedInUser other = hub().signedInUser("Other");
        UUID otherTenant = hub().tenantOf(other, "Other keys");
        Response foreign = hub().get("/api/v1/tenants/" + otherTenant + "/integrations/" + integration + "/keys",
                other.token());
        assertThat(foreign.status()).as(foreign.raw().body()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("integration_not_found");
        Response none = hub().get("/api/v1/tenants/" + tenant + "/integrations/" + UUID.randomUUID() + "/keys",
                owner.token());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("integration_not_found");
        assertThat(hub().get(keys, owner.token()).body().size()).isEqualTo(2);
    }

    record JsonState(String state, Instant revokeAfter, String revocation) {
    }

    private static JsonState state(Response listed, String state) {
        for (var node : listed.body()) {
            if (node.get("state").asString().equals(state)) {
                return new JsonState(state, node.get("revokeAfter") == null ? null
                        : Instant.parse(node.get("revokeAfter").asString()),
                        node.get("revocation") == null ? null : node.get("revocation").asString());
            }
        }
        throw new AssertionError("no " + state + " key in " + listed.raw().body());
    }
}
