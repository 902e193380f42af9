package com.penguinmails.hub.oauth;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.OAuthFakes;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connect flow against a real OAuth 2.0 server (mock-oauth2-server on loopback, which checks the
 * PKCE verifier against the challenge it was given), through the hub's real HTTP endpoints.
 */
class OAuthConnectFlowIntegrationTests extends HubIntegrationTest {

    @Autowired
    OAuthConnections connections;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    private SignedInUser owner;
    private UUID tenant;
    private UUID integration;
    private OAuthFlowSupport flow;
    private MockOAuth2Server server;

    @BeforeEach
    void aTenantWithAGoogleClient() {
        server = OAuthFakes.authorizationServer();
        flow = new OAuthFlowSupport(hub(), port);
        owner = hub().signedInUser("OAuthOwner");
        tenant = hub().tenantOf(owner, "OAuth tenant");
        integration = flow.integration(owner, tenant, "google", "google", "email_service", Map.of());
    }


    @Test
    void connectsAGoogleAccountEndToEndWithPkceAndKeepsTheTokensInside() {
        OAuthFlowSupport.Started started = flow.authorize(owner, tenant, "google");
        Map<String, String> query = started.query();
        assertThat(started.url().toString()).startsWith(server.authorizationEndpointUrl("google").toString());
        assertThat(query).containsEntry("response_type", "code").containsEntry("redirect_uri", flow.redirectUri("google"))
                .containsEntry("code_challenge_method", "S256").containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent").containsKey("client_id");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("state")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("scope").split(" ")).contains("google.read", "google.send", "openid", "email");

        String email = HubClientEmails.unique("ada");
        URI callback = flow.consent(started, "google-user-" + UUID.randomUUID(), email);
        assertThat(callback.toString()).startsWith(flow.redirectUri("google") + "?");
        URI console = flow.callback(callback, started.cookie());

        Map<String, String> outcome = OAuthFlowSupport.query(console);
        assertThat(console.getPath()).isEqualTo("/console/oauth.html");
        assertThat(outcome).containsEntry("status", "connected").containsEntry("provider", "google")
                .containsEntry("tenant", tenant.toString());
        UUID connectionId = UUID.fromString(outcome.get("connection"));

        OAuthConnections.Connection connection = connections.find(tenant, connectionId).orElseThrow();
        assertThat(connection.status()).isEqualTo("active");
        assertThat(connection.accountEmail()).isEqualTo(email);
        assertThat(connection.integrationId()).isEqualTo(integration);
        String accessToken = TestSecrets.register(connections.accessToken(tenant, connectionId));
        assertThat(accessToken).isNotBlank();

        Response list = hub().get("/api/v1/tenants/" + tenant + "/oauth/connections", owner.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get(0).get("accountEmail").asString()).isEqualTo(email);
        assertThat(list.raw().body()).doesNotContain(accessToken).doesNotContainIgnoringCase("token\":\"");
        Response one = hub().get("/api/v1/tenants/" + tenant + "/oauth/connections/" + connectionId, owner.token());
        assertThat(one.raw().body()).doesNotContain(accessToken);

        // the tokens are stored sealed, never as text
        List<byte[]> stored = transactions.readInTenant(tenant, () -> jdbc.sql(
                "select access_token from oauth_connections where tenant_id = :t and id = :id")
                .param("t", tenant).param("id", connectionId).query(byte[].class).list());
        assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(
                accessToken.substring(0, 20));

        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log?action=oauth.connected", owner.token());
        assertThat(audit.body().get("entries")).hasSize(1);
        assertThat(audit.body().get("entries").get(0).get("actorId").asString()).isEqualTo(owner.id().toString());
        assertThat(audit.raw().body()).doesNotContain(accessToken);
    }

    @Test
    void refusesTamperedReplayedExpiredAndForeignBrowserStates() {
        // tampered
        OAuthFlowSupport.Started tampered = flow.authorize(owner, tenant, "google");
        String badState = tampered.state().substring(1) + "x";
        assertThat(error(flow.callback("google", "code=abc&state=" + badState, tampered.cookie())))
                .isEqualTo("invalid_state");

        // replayed: the first use connects, the second is refused
        OAuthFlowSupport.Started started = flow.authorize(owner, tenant, "google");
        URI callback = flow.consent(started, "replayed-" + UUID.randomUUID(), HubClientEmails.unique("replay"));
        assertThat(OAuthFlowSupport.query(flow.callback(callback, started.cookie()))).containsEntry("status", "connected");
        assertThat(error(flow.callback(callback, started.cookie()))).isEqualTo("invalid_state");

        // expired: older than ten minutes
        OAuthFlowSupport.Started late = flow.authorize(owner, tenant, "google");
        transactions.inTenant(tenant, () -> jdbc.sql("update oauth_states set expires_at = now() - interval '1 second'"
                + " where tenant_id = :t and used_at is null").param("t", tenant).update());
        assertThat(error(flow.callback("google", "code=abc&state=" + late.state(), late.cookie())))
                .isEqualTo("state_expired");

        // another browser (no binding cookie, or another one)
        OAuthFlowSupport.Started elsewhere = flow.authorize(owner, tenant, "google");
        assertThat(error(flow.callback("google", "code=abc&state=" + elsewhere.state(), null)))
                .isEqualTo("state_not_bound");
        OAuthFlowSupport.Started foreign = flow.authorize(owner, tenant, "google");
        assertThat(error(flow.callback("google", "code=abc&state=" + foreign.state(), "pm_oauth_binding=someone-else")))
                .isEqualTo("state_not_bound");

        // a state for another provider's callback
        OAuthFlowSupport.Started crossed = flow.authorize(owner, tenant, "google");
        assertThat(error(flow.callback("hubspot", "code=abc&state=" + crossed.state(), crossed.cookie())))
                .isEqualTo("invalid_state");

        // the provider's own error answer (the user said no)
        OAuthFlowSupport.Started denied = flow.authorize(owner, tenant, "google");
        URI console = flow.callback("google", "error=access_denied&error_description=" + OAuthFlowSupport.encode("The user said no")
                + "&state=" + denied.state(), denied.cookie());
        assertThat(OAuthFlowSupport.query(console)).containsEntry("status", "error").containsEntry("error", "access_denied");

        // no state at all
        assertThat(error(flow.callback("google", "code=abc", null))).isEqualTo("invalid_state");
        Response connected = hub().get("/api/v1/tenants/" + tenant + "/oauth/connections", owner.token());
        assertThat(connected.body()).hasSize(1);
    }

    @Test
    void theResultPageShowsTheProvidersOwnErrorEscaped() {
        OAuthFlowSupport.Started started = flow.authorize(owner, tenant, "google");
        URI console = flow.callback("google", "error=" + OAuthFlowSupport.encode("Bad Request!") + "&error_description="
                + OAuthFlowSupport.encode("<script>alert('x')</script> not allowed") + "&state=" + started.state(),
                started.cookie());
        assertThat(OAuthFlowSupport.query(console)).containsEntry("error", "provider_error")
                .containsEntry("detail", "Bad Request!: <script>alert('x')</script> not allowed");
        var page = OAuthFlowSupport.browse(URI.create("http://localhost:" + port + console.getRawPath() + "?"
                + console.getRawQuery()), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("the provider answered with an error (Bad Request!: "
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; not allowed)").doesNotContain("<script");

        OAuthFlowSupport.Started late = flow.authorize(owner, tenant, "google");
        transactions.inTenant(tenant, () -> jdbc.sql("update oauth_states set expires_at = now() - interval '1 second'"
                + " where tenant_id = :t and used_at is null").param("t", tenant).update());
        URI expired = flow.callback("google", "code=abc&state=" + late.state(), late.cookie());
        assertThat(OAuthFlowSupport.browse(URI.create("http://localhost:" + port + expired.getRawPath() + "?"
                + expired.getRawQuery()), null).body()).contains("The sign-in took longer than 10 minutes.");
    }

    @Test
    void apiKeysCannotStartAConnectionButMayListThem() {
        var key = hub().apiKey(owner, tenant, "integrations:read", "integrations:write");
        Response refused = hub().post("/api/v1/tenants/" + tenant + "/oauth/google/authorize", Map.of(), key.key());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/oauth/connections", key.key()).status()).isEqualTo(200);

        Response unknown = hub().post("/api/v1/tenants/" + tenant + "/oauth/nosuch/authorize", Map.of(), owner.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("unknown_provider");
        Response noIntegration = hub().post("/api/v1/tenants/" + tenant + "/oauth/hubspot/authorize", Map.of(),
                owner.token());
        assertThat(noIntegration.code()).isEqualTo("integration_not_found");
    }

    @Test
    void anUnknownConnectionHasNoToken() {
        assertThatThrownBy(() -> connections.accessToken(tenant, UUID.randomUUID()))
                .isInstanceOf(OAuthTokenUnavailable.class)
                .satisfies(e -> assertThat(((OAuthTokenUnavailable) e).reason()).isEqualTo("connection_not_found"));
    }

    private static String error(URI console) {
        Map<String, String> query = OAuthFlowSupport.query(console);
        assertThat(query).containsEntry("status", "error");
        return query.get("error");
    }

    /** Unique addresses per run. */
    static final class HubClientEmails {
        static String unique(String name) {
            return com.penguinmails.hub.testkit.HubClient.uniqueEmail(name);
        }
    }
}
