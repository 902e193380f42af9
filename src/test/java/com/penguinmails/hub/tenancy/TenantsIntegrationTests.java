package com.penguinmails.hub.tenancy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class TenantsIntegrationTests extends HubIntegrationTest {

    private static final Map<String, Object> PREFERENCES = Map.of("theme", "dark", "language", "de",
            "timezone", "Europe/Berlin", "emailNotifications", true, "pushNotifications", false,
            "weeklyReports", true, "marketingEmails", false);

    @Test
    void theCreatorOwnsTheTenantAndItsDomainDefaultsToTheirs() {
        SignedInUser ada = hub().signedInUser("Ada");
        Response created = hub().post("/api/v1/tenants", Map.of("name", "Analytical Engines"), ada.token());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/tenants/" + created.body().get("id").asString());
        assertThat(created.body().get("domain").asString()).isEqualTo("example.com");
        assertThat(created.body().get("yourRoles").get(0).asString()).isEqualTo("owner");

        Response explicit = hub().post("/api/v1/tenants", Map.of("name", "Other", "domain", "engines.example"),
                ada.token());
        assertThat(explicit.body().get("domain").asString()).isEqualTo("engines.example");

        Response mine = hub().get("/api/v1/tenants", ada.token());
        assertThat(mine.body().size()).isEqualTo(2);
    }

    @Test
    void everyTenantScopedEndpointAnswers404ToAnOutsider() {
        SignedInUser ada = hub().signedInUser("Ada");
        SignedInUser mallory = hub().signedInUser("Mallory");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        String base = "/api/v1/tenants/" + tenant;

        List<Response> attempts = List.of(
                hub().get(base, mallory.token()),
                hub().put(base, Map.of("name", "Owned"), mallory.token()),
                hub().get(base + "/members", mallory.token()),
                hub().put(base + "/members/" + mallory.id(), Map.of("role", "owner"), mallory.token()),
                hub().delete(base + "/members/" + ada.id(), mallory.token()),
                hub().post(base + "/invitations", Map.of("email", mallory.email(), "role", "owner"), mallory.token()),
                hub().get(base + "/invitations", mallory.token()),
                hub().get(base + "/me/preferences", mallory.token()),
                hub().put(base + "/me/preferences", PREFERENCES, mallory.token()));

        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("tenant_not_found");
        });
        assertThat(hub().get(base + "/members", ada.token()).body().size()).isEqualTo(1);
        assertThat(hub().get(base, ada.token()).body().get("name").asString()).isEqualTo("Analytical Engines");
        assertThat(hub().get("/api/v1/tenants", mallory.token()).body().size()).isZero();
    }

    @Test
    void aViewerCanReadButNotWrite() {
        SignedInUser ada = hub().signedInUser("Ada");
        SignedInUser victor = hub().signedInUser("Victor");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        hub().addMember(ada, tenant, victor, "viewer");
        String base = "/api/v1/tenants/" + tenant;

        assertThat(hub().get(base, victor.token()).status()).isEqualTo(200);
        assertThat(hub().get(base + "/members", victor.token()).status()).isEqualTo(200);
        for (Response write : List.of(
                hub().put(base, Map.of("name", "Renamed"), victor.token()),
                hub().put(base + "/members/" + victor.id(), Map.of("role", "admin"), victor.token()),
                hub().post(base + "/invitations", Map.of("email", "friend@example.com", "role", "member"), victor.token()),
                hub().get(base + "/invitations", victor.token()),
                hub().delete(base + "/members/" + ada.id(), victor.token()))) {
            assertThat(write.status()).as(write.raw().body()).isEqualTo(403);
            assertThat(write.code()).isEqualTo("insufficient_role");
        }
        assertThat(hub().get(base, ada.token()).body().get("name").asString()).isEqualTo("Analytical Engines");
        // their own preferences are theirs to set
        assertThat(hub().put(base + "/me/preferences", PREFERENCES, victor.token()).status()).isEqualTo(200);
    }

    @Test
    void membersAreInvitedReRoledAndRemoved() {
        SignedInUser ada = hub().signedInUser("Ada");
        SignedInUser grace = hub().signedInUser("Grace");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        String members = "/api/v1/tenants/" + tenant + "/members/";

        // there is no adding someone by user id: a stranger's id is not a member, known user or not
        Response byId = hub().put(members + grace.id(), Map.of("role", "member"), ada.token());
        assertThat(byId.status()).isEqualTo(404);
        assertThat(byId.code()).isEqualTo("member_not_found");
        assertThat(byId.raw().body()).doesNotContain(grace.email());
        assertThat(hub().put(members + UUID.randomUUID(), Map.of("role", "member"), ada.token()).code())
                .isEqualTo("member_not_found");

        hub().addMember(ada, tenant, grace, "member");
        Response listed = hub().get("/api/v1/tenants/" + tenant + "/members", ada.token());
        assertThat(listed.body().findValuesAsString("email")).contains(grace.email());
        Response promoted = hub().put(members + grace.id(), Map.of("role", "admin"), ada.token());
        assertThat(promoted.body().get("roles").get(0).asString()).isEqualTo("admin");
        assertThat(hub().get("/api/v1/tenants", grace.token()).body().get(0).get("roles").get(0).asString())
                .isEqualTo("admin");

        assertThat(hub().delete(members + grace.id(), ada.token()).status()).isEqualTo(204);
        assertThat(hub().get("/api/v1/tenants/" + tenant, grace.token()).status()).isEqualTo(404);
    }

    @Test
    void onlyOwnersHandleTheOwnerRoleAndTheLastOwnerStays() {
        SignedInUser ada = hub().signedInUser("Ada");
        SignedInUser admin = hub().signedInUser("Admin");
        SignedInUser grace = hub().signedInUser("Grace");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        hub().addMember(ada, tenant, admin, "admin");
        hub().addMember(ada, tenant, grace, "member");
        String members = "/api/v1/tenants/" + tenant + "/members/";

        assertThat(hub().put(members + grace.id(), Map.of("role", "owner"), admin.token()).code())
                .isEqualTo("owner_required");
        assertThat(hub().delete(members + ada.id(), admin.token()).code()).isEqualTo("owner_required");
        assertThat(hub().put(members + ada.id(), Map.of("role", "admin"), ada.token()).code()).isEqualTo("last_owner");
        assertThat(hub().delete(members + ada.id(), ada.token()).code()).isEqualTo("last_owner");

        assertThat(hub().post("/api/v1/tenants/" + tenant + "/invitations", Map.of("email", "new-owner@example.com",
                "role", "owner"), admin.token()).code()).isEqualTo("owner_required");
        assertThat(hub().put(members + grace.id(), Map.of("role", "owner"), ada.token()).status()).isEqualTo(200);
        assertThat(hub().delete(members + ada.id(), ada.token()).status()).isEqualTo(204);
    }

    @Test
    void staffReadAnyTenantReadOnlyAndEveryVisitIsRecorded() throws SQLException {
        SignedInUser ada = hub().signedInUser("Ada");
        SignedInUser agent = hub().signedInUser("Agent");
        AccountsIntegrationTests.ownerUpdate("insert into staff_members (user_id, role) values (?::uuid, 'agent')",
                agent.id());
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        String base = "/api/v1/tenants/" + tenant;

        Response visit = hub().get(base, agent.token());
        assertThat(visit.status()).isEqualTo(200);
        assertThat(visit.body().get("staffAccess").asBoolean()).isTrue();
        assertThat(hub().get(base + "/members", agent.token()).status()).isEqualTo(200);
        assertThat(hub().get("/api/v1/me", agent.token()).body().get("isPenguinMailsStaff").asBoolean()).isTrue();

        Response write = hub().put(base, Map.of("name", "Changed by staff"), agent.token());
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("staff_read_only");

        assertThat(AccountsIntegrationTests.ownerQuery("""
                select count(*)::text from audit_log
                where actor_type = 'staff' and action = 'staff.accessed_tenant' and actor_id = ?::uuid""",
                agent.id().toString()))
                .isEqualTo("3");
        assertThat(hub().get("/api/v1/tenants/" + UUID.randomUUID(), agent.token()).status()).isEqualTo(404);
    }

    @Test
    void preferencesStartAtDefaultsAndAreSavedPerTenant() {
        SignedInUser ada = hub().signedInUser("Ada");
        UUID first = hub().tenantOf(ada, "First");
        UUID second = hub().tenantOf(ada, "Second");

        Response defaults = hub().get("/api/v1/tenants/" + first + "/me/preferences", ada.token());
        assertThat(defaults.body().get("theme").asString()).isEqualTo("system");

        Response saved = hub().put("/api/v1/tenants/" + first + "/me/preferences", PREFERENCES, ada.token());
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(hub().get("/api/v1/tenants/" + first + "/me/preferences", ada.token()).body().get("language")
                .asString()).isEqualTo("de");
        assertThat(hub().get("/api/v1/tenants/" + second + "/me/preferences", ada.token()).body().get("language")
                .asString()).isEqualTo("en");
    }

    @Test
    void preferencesAreValidated() {
        SignedInUser ada = hub().signedInUser("Ada");
        UUID tenant = hub().tenantOf(ada, "First");
        Map<String, Object> bad = Map.of("theme", "neon", "language", "klingon", "timezone", "Mars/Olympus",
                "emailNotifications", true, "pushNotifications", false, "weeklyReports", true,
                "marketingEmails", false);

        Response refused = hub().put("/api/v1/tenants/" + tenant + "/me/preferences", bad, ada.token());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(refused.body().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("theme", "language", "timezone");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/me/preferences", ada.token()).body().get("theme")
                .asString()).isEqualTo("system");
    }
}
