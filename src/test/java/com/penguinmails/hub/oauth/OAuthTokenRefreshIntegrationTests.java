package com.penguinmails.hub.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.OAuthFakes;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeping tokens fresh, against a provider defined by configuration alone ({@code acme}: every
 * endpoint in {@code hub.oauth.providers.acme.*}, its integration a generic {@code oauth2} one) whose
 * token endpoint is WireMock, so every request can be asserted exactly.
 */
@RecordApplicationEvents
class OAuthTokenRefreshIntegrationTests extends HubIntegrationTest {

    @Autowired
    OAuthConnections connections;

    @Autowired
    TokenRefreshJob refreshJob;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    private WireMockServer acme;
    private SignedInUser owner;
    private UUID tenant;
    private UUID integration;
    private OAuthFlowSupport flow;

    @BeforeEach
    void aTenantWithAnAcmeClient() {
        acme = OAuthFakes.apis();
        flow = new OAuthFlowSupport(hub(), port);
        owner = hub().signedInUser("RefreshOwner");
        tenant = hub().tenantOf(owner, "Refresh tenant");
        integration = flow.integration(owner, tenant, "oauth2", "acme", "crm", Map.of("oauthProvider", "acme"),
                Map.of("errorHandling", Map.of(
                        "retryPolicy", Map.of("maxAttempts", 1, "backoffStrategy", "exponential", "baseDelay", 50,
                                "maxDelay", 100),
                        "circuitBreaker", Map.of("failureThreshold", 100, "recoveryTimeout", 60_000,
                                "monitoringPeriod", 60_000),
                        "notifyAdminsOnApiErrors", false)));
    }

    /** A connected account: the access and refresh tokens the token endpoint issued. */
    record Connected(UUID id, String code, String accessToken, String refreshToken) {
    }

    private Connected connect(int expiresIn) {
        return connectAs(null, expiresIn);
    }

    /** Connects the account {@code subject} (a new one each time when null). */
    private Connected connectAs(String subject, int expiresIn) {
        String access = TestSecrets.fresh("acme-at-");
        String refresh = TestSecrets.fresh("acme-rt-");
        String code = "code-" + UUID.randomUUID();
        String sub = subject == null ? "acme-" + code : subject;
        acme.stubFor(post("/acme/token").withRequestBody(containing("code=" + code))
                .willReturn(okJson(tokens(access, refresh, expiresIn))));
        acme.stubFor(get("/acme/userinfo").withHeader("Authorization", equalTo("Bearer " + access))
                .willReturn(okJson("{\"sub\":\"" + sub + "\",\"email\":\"" + HubClient.uniqueEmail("acme") + "\"}")));
        OAuthFlowSupport.Started started = flow.authorize(owner, tenant, "acme");
        URI console = flow.callback("acme", "code=" + code + "&state=" + started.state(), started.cookie());
        Map<String, String> outcome = OAuthFlowSupport.query(console);
        assertThat(outcome).as(console.toString()).containsEntry("status", "connected");
        return new Connected(UUID.fromString(outcome.get("connection")), code, access, refresh);
    }

    private static String tokens(String access, String refresh, int expiresIn) {
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + ",\"scope\":\"acme.read acme.send\"}";
    }

    private void refreshAnswers(String refreshToken, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        acme.stubFor(post("/acme/token").withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refreshToken)).willReturn(answer));
    }

    private int refreshesWith(String refreshToken) {
        return acme.findAll(postRequestedFor(urlEqualTo("/acme/token"))
                .withRequestBody(containing("refresh_token=" + refreshToken))).size();
    }

    @Test
    void connectsAProviderDefinedByConfigurationAloneWithAnExactPkceExchange() throws Exception {
        OAuthFlowSupport.Started started = flow.authorize(owner, tenant, "acme");
        assertThat(started.url().toString()).startsWith(OAuthFakes.apiBase() + "/acme/authorize?");
        String challenge = started.query().get("code_challenge");
        String code = "code-" + UUID.randomUUID();
        String access = TestSecrets.fresh("acme-at-");
        acme.stubFor(post("/acme/token").withRequestBody(containing("code=" + code))
                .willReturn(okJson(tokens(access, TestSecrets.fresh("acme-rt-"), 3600))));
        acme.stubFor(get("/acme/userinfo").withHeader("Authorization", equalTo("Bearer " + access))
                .willReturn(okJson("{\"sub\":\"pkce-" + code + "\",\"email\":\"pkce@example.com\"}")));
        URI console = flow.callback("acme", "code=" + code + "&state=" + started.state(), started.cookie());
        assertThat(OAuthFlowSupport.query(console)).containsEntry("status", "connected");

        var exchange = acme.findAll(postRequestedFor(urlEqualTo("/acme/token")).withRequestBody(containing("code=" + code)));
        assertThat(exchange).hasSize(1);
        Map<String, String> form = OAuthFlowSupport.query(URI.create("http://form.invalid/?" + exchange.get(0).getBodyAsString()));
        assertThat(form).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", flow.redirectUri("acme"));
        String verifier = form.get("code_verifier");
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertThat(computed).isEqualTo(challenge);
        // client_secret_basic: the secret travels in the Authorization header, never in the form
        assertThat(exchange.get(0).getHeader("Authorization")).startsWith("Basic ");
        assertThat(form).doesNotContainKey("client_secret");
    }

    @Test
    void refreshesAheadOfExpiryAndStoresTheRotatedRefreshToken() {
        Connected connected = connect(600); // inside the 15-minute window
        String access2 = TestSecrets.fresh("acme-at2-");
        String refresh2 = TestSecrets.fresh("acme-rt2-");
        refreshAnswers(connected.refreshToken(), okJson(tokens(access2, refresh2, 3600)));

        assertThat(refreshJob.run()).isGreaterThanOrEqualTo(1);
        assertThat(refreshesWith(connected.refreshToken())).isEqualTo(1);
        assertThat(connections.accessToken(tenant, connected.id())).isEqualTo(access2);

        // fresh now: the job leaves it alone
        refreshJob.run();
        assertThat(refreshesWith(refresh2)).isZero();

        // the next refresh presents the rotated token; an answer without a new one keeps it
        String access3 = TestSecrets.fresh("acme-at3-");
        refreshAnswers(refresh2, okJson(tokens(access3, null, 3600)));
        assertThat(connections.refreshedAccessToken(tenant, connected.id(), access2)).isEqualTo(access3);
        assertThat(refreshesWith(refresh2)).isEqualTo(1);
        String access4 = TestSecrets.fresh("acme-at4-");
        refreshAnswers(refresh2, okJson(tokens(access4, null, 3600)));
        assertThat(connections.refreshedAccessToken(tenant, connected.id(), access3)).isEqualTo(access4);
        assertThat(refreshesWith(refresh2)).isEqualTo(2);
        assertThat(refreshesWith(connected.refreshToken())).isEqualTo(1);
    }

    @Test
    void twoConcurrentRefreshersProduceOneRefresh() throws Exception {
        Connected connected = connect(3600);
        String access2 = TestSecrets.fresh("acme-at2-");
        refreshAnswers(connected.refreshToken(), okJson(tokens(access2, null, 3600)).withFixedDelay(700));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = List.of(
                    pool.submit(() -> {
                        go.await();
                        return connections.refreshedAccessToken(tenant, connected.id(), connected.accessToken());
                    }),
                    pool.submit(() -> {
                        go.await();
                        return connections.refreshedAccessToken(tenant, connected.id(), connected.accessToken());
                    }));
            go.countDown();
            assertThat(answers.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(access2);
            assertThat(answers.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(access2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(refreshesWith(connected.refreshToken())).isEqualTo(1);
    }

    @Test
    void healthChecksUseTheConnectedAccountsTokenAndUserInfoAndASuccessfulOneEndsTheErrorStatus() {
        String check = "/api/v1/tenants/" + tenant + "/monitoring/integrations/" + integration + "/check";
        Response none = hub().post(check, Map.of(), owner.token());
        assertThat(none.status()).as(none.raw().body()).isEqualTo(200);
        assertThat(none.body().get("probe").asString()).as("no connected account yet").isEqualTo("skipped");

        Connected connected = connect(3600);
        Response up = hub().post(check, Map.of(), owner.token());
        assertThat(up.body().get("probe").asString()).isEqualTo("up");
        assertThat(up.body().get("status").asString()).isEqualTo("healthy");

        // the provider stops accepting the token at its user-info endpoint
        acme.stubFor(get("/acme/userinfo").withHeader("Authorization", equalTo("Bearer " + connected.accessToken()))
                .willReturn(aResponse().withStatus(401)));
        Response down = hub().post(check, Map.of(), owner.token());
        assertThat(down.body().get("probe").asString()).isEqualTo("down");
        assertThat(down.body().get("status").asString()).isEqualTo("unhealthy");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token()).body()
                .get("status").asString()).isEqualTo("error");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/alerts?status=open&integrationId=" + integration,
                owner.token()).body()).extracting(a -> a.get("type").asString()).contains("connectivity", "credential");

        // it accepts the token again: the next check takes the integration out of error
        acme.stubFor(get("/acme/userinfo").withHeader("Authorization", equalTo("Bearer " + connected.accessToken()))
                .willReturn(okJson("{\"sub\":\"acme-" + connected.code() + "\"}")));
        assertThat(hub().post(check, Map.of(), owner.token()).body().get("probe").asString()).isEqualTo("up");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token()).body()
                .get("status").asString()).isEqualTo("active");
    }

    @Test
    void invalidGrantExpiresTheConnectionRaisesAnAlertAndPublishesTheEvent() {
        Connected connected = connect(3600);
        refreshAnswers(connected.refreshToken(), aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"));

        assertThatThrownBy(() -> connections.refreshedAccessToken(tenant, connected.id(), connected.accessToken()))
                .isInstanceOf(OAuthTokenUnavailable.class)
                .satisfies(e -> assertThat(((OAuthTokenUnavailable) e).reason()).isEqualTo("connection_expired"));

        assertThat(connections.find(tenant, connected.id()).orElseThrow().status()).isEqualTo("expired");
        assertThatThrownBy(() -> connections.accessToken(tenant, connected.id()))
                .isInstanceOf(OAuthTokenUnavailable.class);
        Response integration = hub().get("/api/v1/tenants/" + tenant + "/integrations/" + this.integration, owner.token());
        assertThat(integration.body().get("status").asString()).isEqualTo("error");
        List<String> alerts = transactions.readInTenant(tenant, () -> jdbc.sql(
                "select type from alerts where tenant_id = :t and integration_id = :i and status = 'open'")
                .param("t", tenant).param("i", this.integration).query(String.class).list());
        assertThat(alerts).as("the expiry raises monitoring's credential alert").contains("credential");
        assertThat(events.stream(OAuthConnectionExpired.class)
                .filter(e -> e.connectionId().equals(connected.id())))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("invalid_grant"));
        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log?action=oauth.refresh_failed", owner.token());
        assertThat(audit.body().get("entries")).hasSize(1);

        // the job does not touch it any more
        refreshJob.run();
        assertThat(refreshesWith(connected.refreshToken())).isEqualTo(1);
    }

    @Test
    void repeatedFailuresCoolDownAndThenExpireTheConnection() {
        Connected connected = connect(600);
        refreshAnswers(connected.refreshToken(), aResponse().withStatus(503).withBody("down"));

        refreshJob.run();
        assertThat(refreshesWith(connected.refreshToken())).isEqualTo(1);
        // cooling down: neither the job nor a caller tries again yet
        refreshJob.run();
        assertThatThrownBy(() -> connections.refreshedAccessToken(tenant, connected.id(), connected.accessToken()))
                .isInstanceOf(OAuthTokenUnavailable.class)
                .satisfies(e -> assertThat(((OAuthTokenUnavailable) e).reason()).isEqualTo("refresh_failed"));
        assertThat(refreshesWith(connected.refreshToken())).isEqualTo(1);
        assertThat(connections.find(tenant, connected.id()).orElseThrow().status()).isEqualTo("active");

        for (int failure = 2; failure <= 5; failure++) {
            transactions.inTenant(tenant, () -> jdbc.sql("update oauth_connections set refresh_not_before = null"
                    + " where tenant_id = :t and id = :id").param("t", tenant).param("id", connected.id()).update());
            refreshJob.run();
            assertThat(refreshesWith(connected.refreshToken())).isEqualTo(failure);
        }
        assertThat(connections.find(tenant, connected.id()).orElseThrow().status()).isEqualTo("expired");
        assertThat(events.stream(OAuthConnectionExpired.class).filter(e -> e.connectionId().equals(connected.id())))
                .hasSize(1);
    }

    @Test
    void aReusedCodeRefusedByTheTokenEndpointIsReportedCleanly() {
        Connected connected = connect(3600);
        // the authorisation server remembers the code it already redeemed (RFC 6749 section 4.1.2)
        acme.stubFor(post("/acme/token").withRequestBody(containing("code=" + connected.code())).atPriority(1)
                .inScenario("reuse-" + connected.code()).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"code already used\"}")));
        OAuthFlowSupport.Started again = flow.authorize(owner, tenant, "acme");
        URI console = flow.callback("acme", "code=" + connected.code() + "&state=" + again.state(), again.cookie());
        assertThat(OAuthFlowSupport.query(console)).containsEntry("status", "error")
                .containsEntry("error", "token_exchange_failed");
        Response integration = hub().get("/api/v1/tenants/" + tenant + "/integrations/" + this.integration, owner.token());
        assertThat(integration.body().get("status").asString()).isEqualTo("active");
        assertThat(connections.find(tenant, connected.id()).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void disconnectRevokesAtTheProviderErasesTheTokensAndAudits() {
        Connected connected = connect(3600);
        acme.stubFor(post("/acme/revoke").willReturn(aResponse().withStatus(200)));

        Response disconnected = hub().delete("/api/v1/tenants/" + tenant + "/oauth/connections/" + connected.id(),
                owner.token());
        assertThat(disconnected.status()).as(disconnected.raw().body()).isEqualTo(200);
        assertThat(disconnected.body().get("revocation").asString()).isEqualTo("revoked");
        var revocations = acme.findAll(postRequestedFor(urlEqualTo("/acme/revoke"))
                .withRequestBody(containing("token=" + connected.refreshToken())));
        assertThat(revocations).hasSize(1);
        assertThat(revocations.get(0).getBodyAsString()).contains("token_type_hint=refresh_token");

        assertThat(connections.find(tenant, connected.id()).orElseThrow().status()).isEqualTo("disconnected");
        assertThatThrownBy(() -> connections.accessToken(tenant, connected.id()))
                .isInstanceOf(OAuthTokenUnavailable.class)
                .satisfies(e -> assertThat(((OAuthTokenUnavailable) e).reason()).isEqualTo("connection_disconnected"));
        Long stored = transactions.readInTenant(tenant, () -> jdbc.sql("select count(*) from oauth_connections"
                        + " where tenant_id = :t and id = :id and (access_token is not null or refresh_token is not null)")
                .param("t", tenant).param("id", connected.id()).query(Long.class).single());
        assertThat(stored).isZero();
        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log?action=oauth.disconnected", owner.token());
        assertThat(audit.body().get("entries")).hasSize(1);
        assertThat(audit.raw().body()).doesNotContain(connected.refreshToken()).doesNotContain(connected.accessToken());
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/oauth/connections", owner.token()).raw().body())
                .doesNotContain(connected.accessToken()).doesNotContain(connected.refreshToken());
    }

    @Test
    void deletingTheIntegrationRevokesEveryConnectedAccountsGrant() {
        Connected first = connect(3600);
        Connected second = connect(3600);
        acme.stubFor(post("/acme/revoke").willReturn(aResponse().withStatus(200)));

        Response deleted = hub().delete("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token());
        assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(204);
        for (Connected connected : List.of(first, second)) {
            assertThat(acme.findAll(postRequestedFor(urlEqualTo("/acme/revoke"))
                    .withRequestBody(containing("token=" + connected.refreshToken())))).hasSize(1);
        }
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token()).status())
                .isEqualTo(404);
        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log?action=oauth.disconnected", owner.token());
        assertThat(audit.body().get("entries")).hasSize(2);
    }

    @Test
    void aRevocationThatFailsKeepsTheIntegrationAndTheConnectionUntilItSucceeds() {
        Connected connected = connect(3600);
        acme.stubFor(post("/acme/revoke").withRequestBody(containing("token=" + connected.refreshToken()))
                .willReturn(aResponse().withStatus(503)));

        Response refused = hub().delete("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token());
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(502);
        assertThat(refused.code()).isEqualTo("revocation_failed");
        assertThat(refused.body().get("connections").get(0).asString()).isEqualTo(connected.id().toString());
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token()).status())
                .isEqualTo(200);
        assertThat(connections.find(tenant, connected.id()).orElseThrow().status()).isEqualTo("active");
        assertThat(connections.accessToken(tenant, connected.id())).isEqualTo(connected.accessToken());

        acme.stubFor(post("/acme/revoke").withRequestBody(containing("token=" + connected.refreshToken()))
                .willReturn(aResponse().withStatus(200)));
        Response deleted = hub().delete("/api/v1/tenants/" + tenant + "/integrations/" + integration, owner.token());
        assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(204);
        assertThat(acme.findAll(postRequestedFor(urlEqualTo("/acme/revoke"))
                .withRequestBody(containing("token=" + connected.refreshToken())))).hasSize(2);
    }

    @Test
    void reconnectingTheSameAccountRevokesTheGrantItReplaces() {
        String subject = "same-account-" + UUID.randomUUID();
        Connected before = connectAs(subject, 3600);
        acme.stubFor(post("/acme/revoke").willReturn(aResponse().withStatus(200)));

        Connected after = connectAs(subject, 3600);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(acme.findAll(postRequestedFor(urlEqualTo("/acme/revoke"))
                .withRequestBody(containing("token=" + before.refreshToken())))).hasSize(1);
        assertThat(acme.findAll(postRequestedFor(urlEqualTo("/acme/revoke"))
                .withRequestBody(containing("token=" + after.refreshToken())))).isEmpty();
        assertThat(connections.accessToken(tenant, after.id())).isEqualTo(after.accessToken());
    }

    @Test
    void readersMayNotDisconnect() {
        Connected connected = connect(3600);
        SignedInUser viewer = hub().signedInUser("RefreshViewer");
        hub().addMember(owner, tenant, viewer, "viewer");
        Response refused = hub().delete("/api/v1/tenants/" + tenant + "/oauth/connections/" + connected.id(),
                viewer.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/oauth/connections", viewer.token()).status()).isEqualTo(200);
    }
}
