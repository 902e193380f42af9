package com.penguinmails.hub.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.ApiKey;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogIntegrationTests extends HubIntegrationTest {

    @Autowired
    AuditLog auditLog;

    private SignedInUser ada;
    private UUID tenant;
    private String auditPath;

    @BeforeEach
    void anOwnerWithATenant() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Analytical Engines");
        auditPath = "/api/v1/tenants/" + tenant + "/audit-log";
    }

    @Test
    void theApplicationRoleMayOnlyAppend() throws SQLException {
        try (Connection app = TestDatabase.asApplication()) {
            app.setAutoCommit(false);
            setTenant(app, tenant);
            exec(app, """
                    insert into audit_log (tenant_id, id, occurred_at, actor_type, action)
                    values (?, ?, now(), 'system', 'test.appended')""", tenant, UUID.randomUUID());
            app.commit();
            setTenant(app, tenant);
            assertThatThrownBy(() -> exec(app, "update audit_log set action = 'rewritten' where tenant_id = ?", tenant))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            app.rollback();
            setTenant(app, tenant);
            assertThatThrownBy(() -> exec(app, "delete from audit_log where tenant_id = ?", tenant))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            app.rollback();
            setTenant(app, tenant);
            assertThatThrownBy(() -> exec(app, "truncate audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            app.rollback();
        }
        assertThat(entries(hub().get(auditPath + "?action=test.appended", ada.token()))).hasSize(1);
    }

    @Test
    void everyRequestHasAnIdThatIsEchoed() {
        Response generated = hub().get("/api/v1/me", ada.token());
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Response sent = hub().send("GET", "/api/v1/me", null, ada.token(), "application/json",
                Map.of("X-Request-Id", "client-chosen.42"));
        assertThat(sent.header("X-Request-Id")).isEqualTo("client-chosen.42");
        Response insane = hub().send("GET", "/api/v1/me", null, ada.token(), "application/json",
                Map.of("X-Request-Id", "x".repeat(300)));
        assertThat(insane.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(hub().get("/api/v1/me", null).header("X-Request-Id")).isNotBlank(); // refusals too
    }

    @Test
    void creatingAndRevokingAKeyIsRecordedWithActorAddressAgentAndRequestId() {
        Response created = hub().send("POST", "/api/v1/tenants/" + tenant + "/api-keys",
                Map.of("name", "CRM", "scopes", List.of("audit:read")), ada.token(), "application/json",
                Map.of("User-Agent", "AuditTest/1.0 (tests)", "X-Request-Id", "create-" + tenant));
        String keyId = created.body().get("id").asString();
        hub().send("DELETE", "/api/v1/tenants/" + tenant + "/api-keys/" + keyId, null, ada.token(),
                "application/json", Map.of("User-Agent", "AuditTest/1.0 (tests)", "X-Request-Id", "revoke-" + tenant));

        JsonNode createdEntry = entries(hub().get(auditPath + "?action=api_key.created", ada.token())).get(0);
        assertThat(createdEntry.get("actorType").asString()).isEqualTo("user");
        assertThat(createdEntry.get("actorId").asString()).isEqualTo(ada.id().toString());
        assertThat(createdEntry.get("targetType").asString()).isEqualTo("api_key");
        assertThat(createdEntry.get("targetId").asString()).isEqualTo(keyId);
        assertThat(createdEntry.get("clientAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(createdEntry.get("userAgent").asString()).isEqualTo("AuditTest/1.0 (tests)");
        assertThat(createdEntry.get("requestId").asString()).isEqualTo("create-" + tenant);
        assertThat(createdEntry.get("changes").get("name").get("new").asString()).isEqualTo("CRM");
        assertThat(createdEntry.get("changes").get("key").get("secret").asBoolean()).isTrue();
        assertThat(createdEntry.get("changes").get("key").has("new")).isFalse();

        JsonNode revokedEntry = entries(hub().get(auditPath + "?action=api_key.revoked", ada.token())).get(0);
        assertThat(revokedEntry.get("actorId").asString()).isEqualTo(ada.id().toString());
        assertThat(revokedEntry.get("targetId").asString()).isEqualTo(keyId);
        assertThat(revokedEntry.get("requestId").asString()).isEqualTo("revoke-" + tenant);
        assertThat(revokedEntry.get("changes").get("revokedAt").get("new").asString()).isNotBlank();
    }

    @Test
    void staffVisitsAreRecordedAsStaffAndStaffMayReadTheLog() throws SQLException {
        SignedInUser agent = hub().signedInUser("Agent");
        try (Connection owner = TestDatabase.asOwner()) {
            exec(owner, "insert into staff_members (user_id, role) values (?, 'agent')", agent.id());
        }
        Response visit = hub().send("GET", "/api/v1/tenants/" + tenant, null, agent.token(), "application/json",
                Map.of("User-Agent", "SupportDesk/2", "X-Request-Id", "visit-" + tenant));
        assertThat(visit.status()).isEqualTo(200);

        Response log = hub().get(auditPath + "?action=staff.accessed_tenant&actorId=" + agent.id(), agent.token());
        assertThat(log.status()).isEqualTo(200);
        JsonNode first = entries(log).stream()
                .filter(e -> ("visit-" + tenant).equals(e.get("requestId").asString())).findFirst().orElseThrow();
        assertThat(first.get("actorType").asString()).isEqualTo("staff");
        assertThat(first.get("targetType").asString()).isEqualTo("tenant");
        assertThat(first.get("targetId").asString()).isEqualTo(tenant.toString());
        assertThat(first.get("userAgent").asString()).isEqualTo("SupportDesk/2");
        assertThat(first.get("clientAddress").asString()).isNotBlank();
        assertThat(first.get("details").get("method").asString()).isEqualTo("GET");
        assertThat(first.get("details").get("path").asString()).isEqualTo("/api/v1/tenants/" + tenant);
        assertThat(entries(log)).hasSize(2); // the visit, and reading the log is itself a visit
    }

    @Test
    void onlyOwnersAdminsStaffAndAuditKeysReadTheLog() {
        SignedInUser admin = hub().signedInUser("Admin");
        SignedInUser member = hub().signedInUser("Member");
        SignedInUser viewer = hub().signedInUser("Viewer");
        SignedInUser outsider = hub().signedInUser("Mallory");
        hub().addMember(ada, tenant, admin, "admin");
        hub().addMember(ada, tenant, member, "member");
        hub().addMember(ada, tenant, viewer, "viewer");

        assertThat(hub().get(auditPath, ada.token()).status()).isEqualTo(200);
        assertThat(hub().get(auditPath, admin.token()).status()).isEqualTo(200);
        assertThat(hub().get(auditPath + "/export", admin.token()).status()).isEqualTo(200);
        for (SignedInUser refused : List.of(member, viewer)) {
            assertThat(hub().get(auditPath, refused.token()).code()).isEqualTo("insufficient_role");
            assertThat(hub().get(auditPath + "/export", refused.token()).code()).isEqualTo("insufficient_role");
        }
        assertThat(hub().get(auditPath, outsider.token()).code()).isEqualTo("tenant_not_found");
        ApiKey key = hub().apiKey(ada, tenant, "audit:read");
        assertThat(hub().get(auditPath + "/export", key.key()).status()).isEqualTo(200);
    }

    @Test
    void filtersAndCursorPagesCoverEveryEntryExactlyOnce() throws SQLException {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        UUID integration = UUID.randomUUID();
        UUID actor = UUID.randomUUID();
        try (Connection owner = TestDatabase.asOwner()) {
            for (int i = 0; i < 25; i++) {
                exec(owner, """
                        insert into audit_log (tenant_id, id, occurred_at, actor_type, actor_id, action, target_type, target_id)
                        values (?, ?, ?, 'user', ?, ?, 'integration', ?)""", tenant, UUID.randomUUID(),
                        java.sql.Timestamp.from(base.plus(i / 2, ChronoUnit.MINUTES)), i % 5 == 0 ? actor : ada.id(),
                        i % 2 == 0 ? "integration.created" : "integration.status_changed",
                        i < 10 ? integration.toString() : UUID.randomUUID().toString());
            }
        }
        String window = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = hub().get(auditPath + "?" + window + "&limit=10" + (cursor == null ? "" : "&cursor=" + cursor),
                    ada.token());
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            all.addAll(entries(page));
            cursor = page.body().has("nextCursor") ? page.body().get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(25);
        Set<String> ids = new HashSet<>();
        all.forEach(e -> ids.add(e.get("id").asString()));
        assertThat(ids).hasSize(25);
        for (int i = 1; i < all.size(); i++) {
            assertThat(Instant.parse(all.get(i - 1).get("occurredAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(all.get(i).get("occurredAt").asString()));
        }

        assertThat(entries(hub().get(auditPath + "?" + window + "&action=integration.created&limit=200", ada.token())))
                .hasSize(13);
        assertThat(entries(hub().get(auditPath + "?actorId=" + actor, ada.token()))).hasSize(5);
        assertThat(entries(hub().get(auditPath + "?targetType=integration&targetId=" + integration, ada.token())))
                .hasSize(10);
        assertThat(entries(hub().get(auditPath + "?from=2026-01-01T00:10:00Z&to=2026-01-01T00:12:00Z", ada.token())))
                .hasSize(4);
        assertThat(hub().get(auditPath + "?limit=201", ada.token()).code()).isEqualTo("validation_failed");
        assertThat(hub().get(auditPath + "?limit=0", ada.token()).code()).isEqualTo("validation_failed");
        assertThat(hub().get(auditPath + "?cursor=not-a-cursor", ada.token()).code()).isEqualTo("invalid_cursor");
        assertThat(hub().get(auditPath + "?from=yesterday", ada.token()).status()).isEqualTo(400);
    }

    @Test
    void theExportStreamsEveryMatchingEntryAsJsonLines() throws SQLException {
        try (Connection owner = TestDatabase.asOwner()) {
            exec(owner, """
                    insert into audit_log (tenant_id, id, occurred_at, actor_type, action, target_type, target_id)
                    select ?, gen_random_uuid(), timestamptz '2026-02-01' + n * interval '1 second', 'system',
                           case when n % 3 = 0 then 'integration.deleted' else 'integration.updated' end,
                           'integration', n::text
                    from generate_series(1, 1200) n""", tenant);
        }
        Response export = hub().get(auditPath + "/export?action=integration.updated", ada.token());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.raw().body().split("\n");
        assertThat(lines).hasSize(800);
        Set<String> targets = new HashSet<>();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.get("action").asString()).isEqualTo("integration.updated");
            targets.add(entry.get("targetId").asString());
        }
        assertThat(targets).hasSize(800);
        assertThat(json.readTree(lines[0]).get("targetId").asString()).isEqualTo("1199");
    }

    @Test
    void modulesRecordThroughTheAuditLogBeanAndSecretsKeepOnlyTheirName() {
        auditLog.record(AuditEntry.of(tenant, AuditActor.system(), "integration.status_changed")
                .withTarget("integration", "int-1")
                .withChanges(AuditChanges.none().field("status", "active", "paused").secret("apiToken")));

        JsonNode entry = entries(hub().get(auditPath + "?targetId=int-1", ada.token())).get(0);
        assertThat(entry.get("actorType").asString()).isEqualTo("system");
        assertThat(entry.has("actorId")).isFalse();
        assertThat(entry.get("changes").get("status").get("old").asString()).isEqualTo("active");
        assertThat(entry.get("changes").get("status").get("new").asString()).isEqualTo("paused");
        assertThat(entry.get("changes").get("apiToken").toString()).isEqualTo("{\"secret\":true}");
    }

    private static List<JsonNode> entries(Response page) {
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        page.body().get("entries").forEach(list::add);
        return list;
    }

    private static void setTenant(Connection c, UUID tenant) throws SQLException {
        exec(c, "select set_config('nile.tenant_id', ?, true)", tenant.toString());
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
