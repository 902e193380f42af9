package com.penguinmails.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.testkit.HubClient.ApiKey;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysIntegrationTests extends HubIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private SignedInUser ada;
    private UUID tenant;
    private String keys;

    @BeforeEach
    void anOwnerWithATenant() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Analytical Engines");
        keys = "/api/v1/tenants/" + tenant + "/api-keys";
    }

    @Test
    void theKeyIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        Response created = hub().post(keys, Map.of("name", "CRM sync", "scopes",
                List.of("integrations:read", "audit:read"), "expiresAt", "2999-01-01T00:00:00Z"), ada.token());

        assertThat(created.status()).isEqualTo(201);
        String key = created.body().get("key").asString();
        String prefix = created.body().get("prefix").asString();
        assertThat(key).matches("pm_live_[a-z0-9]{8}_[0-9a-f]{64}").startsWith("pm_live_" + prefix + "_");
        assertThat(created.body().get("scopes").toString()).contains("integrations:read", "audit:read");
        assertThat(created.header("Location")).endsWith(keys + "/" + created.body().get("id").asString());

        Response listed = hub().get(keys, ada.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().size()).isEqualTo(1);
        assertThat(listed.body().get(0).get("prefix").asString()).isEqualTo(prefix);
        assertThat(listed.body().get(0).get("name").asString()).isEqualTo("CRM sync");
        assertThat(listed.body().get(0).has("key")).isFalse();
        assertThat(listed.raw().body()).doesNotContain(secretOf(key));

        String stored = ownerQuery("select encode(key_hash, 'hex') from api_keys where prefix = ?", prefix);
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
        assertThat(ownerQuery("select row_to_json(k)::text from api_keys k where prefix = ?", prefix))
                .doesNotContain(secretOf(key));
        assertThat(ownerQuery("select string_agg(row_to_json(a)::text, ' ') from audit_log a where tenant_id = ?::uuid",
                tenant.toString())).contains("api_key.created").doesNotContain(secretOf(key));
        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log", ada.token());
        assertThat(audit.raw().body()).contains("api_key.created").doesNotContain(secretOf(key));
    }

    @Test
    void aKeyWorksAsBearerWithinItsScopes() {
        ApiKey reader = hub().apiKey(ada, tenant, "integrations:read");
        String base = "/api/v1/tenants/" + tenant;

        Response read = hub().get(base, reader.key());
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        assertThat(read.body().get("name").asString()).isEqualTo("Analytical Engines");

        Response audit = hub().get(base + "/audit-log", reader.key());
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.code()).isEqualTo("insufficient_scope");
        assertThat(audit.body().get("requiredScope").asString()).isEqualTo("audit:read");

        ApiKey auditor = hub().apiKey(ada, tenant, "audit:read");
        assertThat(hub().get(base + "/audit-log", auditor.key()).status()).isEqualTo(200);
        assertThat(hub().get(base + "/members", auditor.key()).code()).isEqualTo("insufficient_scope");
    }

    @Test
    void aKeyReachesOnlyItsOwnTenant() {
        ApiKey key = hub().apiKey(ada, tenant, "integrations:read", "audit:read", "api_keys:write");
        UUID other = hub().tenantOf(ada, "Other tenant of the same owner");

        for (String path : List.of("/api/v1/tenants/" + other, "/api/v1/tenants/" + other + "/audit-log",
                "/api/v1/tenants/" + other + "/api-keys", "/api/v1/tenants/" + UUID.randomUUID())) {
            Response r = hub().get(path, key.key());
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.code()).isEqualTo("tenant_not_found");
        }
        for (Response r : List.of(hub().get("/api/v1/me", key.key()), hub().get("/api/v1/tenants", key.key()),
                hub().post("/api/v1/tenants", Map.of("name", "By key"), key.key()),
                hub().post("/api/v1/auth/signout-all", null, key.key()))) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("insufficient_scope");
        }
    }

    @Test
    void expiredAndRevokedKeysAreRefusedWith401() throws SQLException {
        ApiKey expiring = hub().apiKey(ada, tenant, "integrations:read");
        ApiKey revoked = hub().apiKey(ada, tenant, "integrations:read");
        String base = "/api/v1/tenants/" + tenant;
        assertThat(hub().get(base, expiring.key()).status()).isEqualTo(200);
        assertThat(hub().get(base, revoked.key()).status()).isEqualTo(200);

        ownerUpdate("update api_keys set expires_at = now() - interval '1 second' where id = ?::uuid", expiring.id());
        assertThat(hub().delete(keys + "/" + revoked.id(), ada.token()).status()).isEqualTo(204);
        assertThat(hub().delete(keys + "/" + revoked.id(), ada.token()).status()).isEqualTo(204);

        for (ApiKey key : List.of(expiring, revoked)) {
            Response r = hub().get(base, key.key());
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("unauthenticated");
        }
        String tampered = revoked.key().substring(0, revoked.key().length() - 1)
                + (revoked.key().endsWith("0") ? "1" : "0");
        assertThat(hub().get(base, tampered).status()).isEqualTo(401);
        assertThat(hub().get(base, "pm_live_garbage").status()).isEqualTo(401);
        assertThat(hub().get(keys, ada.token()).body().findValuesAsString("revokedAt")).hasSize(1);
        assertThat(hub().delete(keys + "/" + UUID.randomUUID(), ada.token()).code()).isEqualTo("api_key_not_found");
        assertThat(ownerQuery("""
                select count(*)::text from audit_log where tenant_id = ?::uuid and action = 'api_key.revoked'""",
                tenant.toString())).isEqualTo("1");
    }

    @Test
    void anExpiryMustLieInTheFutureAndScopesMustExist() {
        Response past = hub().post(keys, Map.of("name", "k", "scopes", List.of("audit:read"),
                "expiresAt", "2001-01-01T00:00:00Z"), ada.token());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().get("errors").findValuesAsString("field")).containsExactly("expiresAt");
        Response unknown = hub().post(keys, Map.of("name", "k", "scopes", List.of("everything")), ada.token());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").findValuesAsString("field")).containsExactly("scopes");
        assertThat(hub().post(keys, Map.of("name", "k", "scopes", List.of()), ada.token()).code())
                .isEqualTo("validation_failed");
    }

    @Test
    void lastUseIsRecordedAtMostOnceAMinute() throws SQLException {
        ApiKey key = hub().apiKey(ada, tenant, "integrations:read");
        String base = "/api/v1/tenants/" + tenant;
        assertThat(ownerQuery("select last_used_at::text from api_keys where id = ?::uuid", key.id().toString())).isNull();

        hub().get(base, key.key());
        String first = ownerQuery("select last_used_at::text from api_keys where id = ?::uuid", key.id().toString());
        assertThat(first).isNotNull();
        ownerUpdate("update api_keys set last_used_at = now() - interval '30 seconds' where id = ?::uuid", key.id());
        String halfAMinuteAgo = ownerQuery("select last_used_at::text from api_keys where id = ?::uuid",
                key.id().toString());
        hub().get(base, key.key());
        assertThat(ownerQuery("select last_used_at::text from api_keys where id = ?::uuid", key.id().toString()))
                .isEqualTo(halfAMinuteAgo);

        ownerUpdate("update api_keys set last_used_at = now() - interval '2 minutes' where id = ?::uuid", key.id());
        hub().get(base, key.key());
        assertThat(ownerQuery("select (last_used_at > now() - interval '10 seconds')::text from api_keys where id = ?::uuid",
                key.id().toString())).isEqualTo("true");
        assertThat(hub().get(keys, ada.token()).body().get(0).get("lastUsedAt")).isNotNull();
    }

    @Test
    void onlyOwnersAndAdminsManageKeysAndAKeyGrantsNoMoreThanItHolds() {
        SignedInUser member = hub().signedInUser("Member");
        SignedInUser viewer = hub().signedInUser("Viewer");
        hub().addMember(ada, tenant, member, "member");
        hub().addMember(ada, tenant, viewer, "viewer");
        Map<String, Object> body = Map.of("name", "k", "scopes", List.of("audit:read"));

        assertThat(hub().post(keys, body, member.token()).code()).isEqualTo("insufficient_role");
        assertThat(hub().get(keys, member.token()).code()).isEqualTo("insufficient_role");
        assertThat(hub().post(keys, body, viewer.token()).code()).isEqualTo("insufficient_role");

        ApiKey manager = hub().apiKey(ada, tenant, "api_keys:write", "audit:read");
        Response byKey = hub().post(keys, body, manager.key());
        assertThat(byKey.status()).as(byKey.raw().body()).isEqualTo(201);
        Response escalation = hub().post(keys, Map.of("name", "k", "scopes", List.of("integrations:write")),
                manager.key());
        assertThat(escalation.status()).isEqualTo(403);
        assertThat(escalation.code()).isEqualTo("insufficient_scope");

        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log?action=api_key.created&actorId="
                + manager.id(), ada.token());
        assertThat(audit.body().get("entries").size()).isEqualTo(1);
        assertThat(audit.body().get("entries").get(0).get("actorType").asString()).isEqualTo("api_key");
    }

    /**
     * Default deny, proven over every handler the hub has: a key holding a scope other than the one a
     * handler declares is refused everywhere with 403, whether the handler declares a scope or not, and a key holding
     * exactly the declared scope gets past the scope check.
     */
    @Test
    void everyApiEndpointEitherDeclaresAScopeOrRefusesApiKeys() {
        java.util.Set<com.penguinmails.hub.platform.auth.Scope> declared = new java.util.HashSet<>();
        handlerMapping.getHandlerMethods().values().forEach(h -> {
            RequiredScope onMethod = h.getMethodAnnotation(RequiredScope.class);
            RequiredScope onType = h.getBeanType().getAnnotation(RequiredScope.class);
            if (onMethod != null) {
                declared.add(onMethod.value());
            } else if (onType != null) {
                declared.add(onType.value());
            }
        });
        assertThat(declared).contains(com.penguinmails.hub.platform.auth.Scope.SUPPORT_READ, com.penguinmails.hub.platform.auth.Scope.SUPPORT_WRITE);
        // every scope is in use now: a key holding one scope is unrelated to every handler that needs another
        com.penguinmails.hub.platform.auth.Scope[] scopes = com.penguinmails.hub.platform.auth.Scope.values();
        ApiKey unrelatedToMost = hub().apiKey(ada, tenant, scopes[0].value());
        ApiKey unrelatedToFirst = hub().apiKey(ada, tenant, scopes[1].value());
        List<String> checked = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            RequiredScope required = entry.getValue().getMethodAnnotation(RequiredScope.class) != null
                    ? entry.getValue().getMethodAnnotation(RequiredScope.class)
                    : entry.getValue().getBeanType().getAnnotation(RequiredScope.class);
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("GET")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                String path = pattern.replace("{tenantId}", tenant.toString()).replaceAll("\\{[^}]+}",
                        UUID.randomUUID().toString());
                ApiKey unrelated = required != null && required.value() == scopes[0] ? unrelatedToFirst : unrelatedToMost;
                for (String method : methods) {
                    Response refused = hub().send(method, path, "{}", unrelated.key(), "application/json");
                    assertThat(refused.status()).as(method + " " + pattern + " -> " + refused.raw().body())
                            .isEqualTo(403);
                    assertThat(refused.code()).as(method + " " + pattern).isEqualTo("insufficient_scope");
                    if (required != null) {
                        ApiKey holder = hub().apiKey(ada, tenant, required.value().value());
                        Response allowed = hub().send(method, path, "{}", holder.key(), "application/json");
                        assertThat(allowed.code()).as(method + " " + pattern + " with its scope")
                                .isNotIn("insufficient_scope", "unauthenticated", "tenant_not_found");
                    }
                    checked.add(method + " " + pattern + (required == null ? "" : " [" + required.value().value() + "]"));
                }
            }
        }
        assertThat(checked).contains("GET /api/v1/me", "GET /api/v1/tenants/{tenantId} [integrations:read]",
                "GET /api/v1/tenants/{tenantId}/audit-log [audit:read]",
                "POST /api/v1/tenants/{tenantId}/api-keys [api_keys:write]",
                "PUT /api/v1/tenants/{tenantId}/members/{userId}");
    }

    private static String secretOf(String key) {
        return key.substring(key.lastIndexOf('_') + 1);
    }

    static String ownerQuery(String sql, String arg) throws SQLException {
        try (Connection owner = TestDatabase.asOwner(); PreparedStatement ps = owner.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void ownerUpdate(String sql, Object arg) throws SQLException {
        try (Connection owner = TestDatabase.asOwner(); PreparedStatement ps = owner.prepareStatement(sql)) {
            ps.setString(1, arg.toString());
            ps.executeUpdate();
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
