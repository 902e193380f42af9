package com.penguinmails.hub.gateway;

import static com.penguinmails.hub.testkit.TestDatabase.count;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The gateway against a fake provider (WireMock on loopback), through real HTTP. */
class GatewayIntegrationTests extends HubIntegrationTest {

    private static WireMockServer provider;

    @Autowired
    ProviderGateway gateway;

    @Autowired
    MeterRegistry meters;

    private SignedInUser owner;
    private UUID tenant;
    private String base;

    @BeforeAll
    static void fakeProvider() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @BeforeEach
    void aTenant() {
        provider.resetAll();
        owner = hub().signedInUser("GatewayOwner");
        tenant = hub().tenantOf(owner, "Gateway tenant");
        base = "/api/v1/tenants/" + tenant + "/integrations";
    }

    // ---- fixtures ----

    private UUID custom(String name, Map<String, Object> rateLimits, int maxAttempts, int baseDelayMs,
                        int failureThreshold, int recoveryTimeoutMs) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("category", "crm");
        body.put("provider", "custom");
        body.put("configuration", Map.of("baseUrl", "http://127.0.0.1:" + provider.port(),
                "apiKey", TestSecrets.fresh("ck-")));
        body.put("rateLimits", rateLimits);
        body.put("errorHandling", Map.of(
                "retryPolicy", Map.of("maxAttempts", maxAttempts, "backoffStrategy", "exponential",
                        "baseDelay", baseDelayMs, "maxDelay", 10_000),
                "circuitBreaker", Map.of("failureThreshold", failureThreshold, "recoveryTimeout", recoveryTimeoutMs,
                        "monitoringPeriod", 60_000),
                "notifyAdminsOnApiErrors", true));
        return register(body);
    }

    private UUID custom(String name) {
        return custom(name, generous(), 1, 50, 100, 60_000);
    }

    private static Map<String, Object> generous() {
        return Map.of("requestsPerSecond", 1000, "strategy", "token-bucket");
    }

    private UUID register(Map<String, Object> body) {
        Response created = hub().post(base, body, owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    private UUID stripe(int maxAttempts) {
        return register(Map.of("name", "Stripe", "category", "payment_processor", "provider", "stripe",
                "configuration", Map.of("publishableKey", "pk_test_abcdefghij", "secretKey", TestSecrets.fresh("sk_test_"),
                        "webhookSecrets", List.of(TestSecrets.fresh("whsec_"))),
                "errorHandling", Map.of(
                        "retryPolicy", Map.of("maxAttempts", maxAttempts, "backoffStrategy", "exponential",
                                "baseDelay", 50, "maxDelay", 1000),
                        "circuitBreaker", Map.of("failureThreshold", 10, "recoveryTimeout", 60_000,
                                "monitoringPeriod", 60_000),
                        "notifyAdminsOnApiErrors", true)));
    }

    private UUID mailgun() {
        return register(Map.of("name", "Mailgun", "category", "email_service", "provider", "mailgun",
                "configuration", Map.of("apiKey", TestSecrets.fresh("key-"), "domain", "mg.example.com",
                        "webhookSigningKey", TestSecrets.fresh("sign-")),
                "rateLimits", Map.of("requestsPerMinute", 300, "requestsPerHour", 10000, "strategy", "token-bucket")));
    }

    private ProviderCall reading(UUID integration, String provider, String path, Urgency urgency) {
        return new ProviderCall(tenant, integration, provider, provider + ".test.get",
                HttpRequest.newBuilder(URI.create(provider().baseUrl() + path)).GET().build(), urgency, null);
    }

    private ProviderCall postTo(UUID integration, String provider, String path, String key) {
        return new ProviderCall(tenant, integration, provider, provider + ".test.post",
                HttpRequest.newBuilder(URI.create(provider().baseUrl() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("amount=100&currency=eur")).build(),
                Urgency.BACKGROUND, key);
    }

    private static WireMockServer provider() {
        return provider;
    }

    private IntegrationError failure(ProviderCall call) {
        ProviderCallFailed failed = catchThrowableOfType(ProviderCallFailed.class, () -> gateway.call(call));
        assertThat(failed).as("the call should have failed").isNotNull();
        return failed.error();
    }

    private static int received(String pathRegex) {
        return provider.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                urlPathMatching(pathRegex))).size();
    }

    // ---- behaviour ----

    @Test
    void aSuccessfulCallAnswersTheProvidersResponseAndIsMeasured() {
        UUID integration = custom("Plain");
        provider.stubFor(get("/ok").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true}")));

        ProviderResponse response = gateway.call(reading(integration, "custom", "/ok", Urgency.CALLER_FACING));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}");
        assertThat(response.elapsed()).isPositive();
        assertThat(meters.find("hub.gateway.calls").tag("integration", integration.toString())
                .tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWithRetryAfterIsWaitedOutAndThenSucceeds() {
        UUID integration = custom("Throttled", generous(), 3, 50, 100, 60_000);
        provider.stubFor(get("/busy").inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        provider.stubFor(get("/busy").inScenario("429").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withBody("done")));

        ProviderResponse response = gateway.call(reading(integration, "custom", "/busy", Urgency.BACKGROUND));

        assertThat(response.status()).isEqualTo(200);
        List<LoggedRequest> requests = provider.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathMatching("/busy")));
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(950);
    }

    @Test
    void serverErrorsAreRetriedWithGrowingDelaysThenGivenUpAndRecorded() throws Exception {
        UUID integration = custom("Flaky", generous(), 4, 200, 100, 60_000);
        provider.stubFor(get("/down").willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));

        IntegrationError error = failure(reading(integration, "custom", "/down", Urgency.BACKGROUND));

        assertThat(error.type()).isEqualTo(ErrorType.API);
        assertThat(error.retryable()).isTrue();
        assertThat(error.httpStatus()).isEqualTo(503);
        List<LoggedRequest> requests = provider.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathMatching("/down")));
        assertThat(requests).hasSize(4);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < requests.size(); i++) {
            gaps.add(requests.get(i).getLoggedDate().getTime() - requests.get(i - 1).getLoggedDate().getTime());
        }
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(140);
        assertThat(gaps.get(1)).isGreaterThan(gaps.get(0));
        assertThat(gaps.get(2)).isGreaterThan(gaps.get(1));

        UUID incident = UUID.fromString(error.incidentId());
        assertThat(count("select count(*) from integration_errors where id = ? and type = 'api_error' and attempts = 4"
                + " and http_status = 503", incident)).isEqualTo(1);
        assertThat(count("select count(*) from alerts where integration_id = ? and type = 'api_error' and status = 'open'"
                + " and position(? in message) > 0", integration, incident.toString()))
                .as("API errors alert the admins (monitoring's one alert store)").isEqualTo(1);
    }

    @Test
    void clientErrorsAreNotRetried() {
        UUID integration = custom("Picky", generous(), 5, 50, 100, 60_000);
        provider.stubFor(get("/bad").willReturn(aResponse().withStatus(400).withBody("{\"message\":\"bad\"}")));
        provider.stubFor(get("/forbidden").willReturn(aResponse().withStatus(403)));
        provider.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));

        assertThat(failure(reading(integration, "custom", "/bad", Urgency.BACKGROUND)).type()).isEqualTo(ErrorType.DATA);
        assertThat(failure(reading(integration, "custom", "/forbidden", Urgency.BACKGROUND)).type())
                .isEqualTo(ErrorType.AUTHORIZATION);
        assertThat(received("/bad")).isEqualTo(1);
        assertThat(received("/forbidden")).isEqualTo(1);

        assertThat(gateway.call(reading(integration, "custom", "/missing", Urgency.BACKGROUND).accepting(404)).status())
                .as("a status the caller accepts is an answer").isEqualTo(404);
    }

    @Test
    void anAuthenticationErrorPutsTheIntegrationInErrorAndIsNotRetried() {
        UUID integration = mailgun();
        provider.stubFor(post("/v3/mg.example.com/messages").willReturn(aResponse().withStatus(401).withBody("Forbidden")));

        IntegrationError error = failure(postTo(integration, "mailgun", "/v3/mg.example.com/messages", null));

        assertThat(error.type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(error.retryable()).isFalse();
        assertThat(error.message()).contains("Mailgun: Forbidden");
        assertThat(received("/v3/mg.example.com/messages")).isEqualTo(1);
        Response read = hub().get(base + "/" + integration, owner.token());
        assertThat(read.body().get("status").asString()).isEqualTo("error");
        assertThat(read.body().get("statusReason").asString()).contains(error.incidentId());
    }

    @Test
    void theBreakerOpensAfterTheThresholdFailsFastThenClosesAfterASuccessfulProbe() {
        UUID integration = custom("Breaker", generous(), 1, 50, 3, 700);
        provider.stubFor(get("/shaky").willReturn(aResponse().withStatus(500)));

        for (int i = 0; i < 3; i++) {
            assertThat(failure(reading(integration, "custom", "/shaky", Urgency.BACKGROUND)).httpStatus()).isEqualTo(500);
        }
        IntegrationError fast = failure(reading(integration, "custom", "/shaky", Urgency.BACKGROUND));
        assertThat(fast.message()).contains("circuit breaker");
        assertThat(fast.retryable()).isTrue();
        assertThat(fast.httpStatus()).isNull();
        assertThat(received("/shaky")).as("an open circuit does not touch the network").isEqualTo(3);
        Response state = hub().get(base + "/" + integration + "/gateway", owner.token());
        assertThat(state.body().get("circuit").get("state").asString()).isEqualTo("open");

        provider.stubFor(get("/shaky").willReturn(aResponse().withStatus(200).withBody("back")));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
                assertThat(gateway.call(reading(integration, "custom", "/shaky", Urgency.BACKGROUND)).status()).isEqualTo(200));

        Response after = hub().get(base + "/" + integration + "/gateway", owner.token());
        assertThat(after.status()).as(after.raw().body()).isEqualTo(200);
        assertThat(after.body().get("circuit").get("state").asString()).isEqualTo("closed");
        List<String> transitions = new ArrayList<>();
        after.body().get("transitions").values().forEach(t ->
                transitions.add(0, t.get("from").asString() + ">" + t.get("to").asString()));
        assertThat(transitions).containsExactly("closed>open", "open>half_open", "half_open>closed");
        assertThat(after.body().get("errors").size()).isEqualTo(3);
    }

    @Test
    void aCallerFacingCallPastTheLimitIsRefusedWithRetryAfterInEachStrategy() {
        for (String strategy : List.of("fixed-window", "sliding-window", "token-bucket")) {
            provider.resetAll();
            UUID integration = custom("Limited " + strategy, Map.of("requestsPerMinute", 3, "strategy", strategy),
                    1, 50, 100, 60_000);
            provider.stubFor(get("/limited").willReturn(aResponse().withStatus(200)));
            for (int i = 0; i < 3; i++) {
                gateway.call(reading(integration, "custom", "/limited", Urgency.CALLER_FACING));
            }
            IntegrationError refused = failure(reading(integration, "custom", "/limited", Urgency.CALLER_FACING));

            assertThat(refused.type()).as(strategy).isEqualTo(ErrorType.RATE_LIMIT);
            assertThat(refused.retryable()).isTrue();
            assertThat(refused.retryAfter()).as(strategy).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(received("/limited")).as(strategy + ": the provider saw exactly the limit").isEqualTo(3);
        }
    }

    @Test
    void aBackgroundCallPastTheLimitWaitsForTheNextWindow() {
        UUID integration = custom("Patient", Map.of("requestsPerSecond", 2, "strategy", "fixed-window"),
                1, 50, 100, 60_000);
        provider.stubFor(get("/patient").willReturn(aResponse().withStatus(200)));

        for (int i = 0; i < 3; i++) {
            assertThat(gateway.call(reading(integration, "custom", "/patient", Urgency.BACKGROUND)).status()).isEqualTo(200);
        }

        List<LoggedRequest> requests = provider.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathMatching("/patient")));
        assertThat(requests).hasSize(3);
        long waited = requests.get(2).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waited).as("the third call waited for the next one-second window").isGreaterThanOrEqualTo(900);
    }

    @Test
    void aRetriedPostCarriesTheSameIdempotencyKeyEveryTime() {
        UUID integration = stripe(3);
        provider.stubFor(post("/v1/charges").inScenario("stripe").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Request-Id", "req_123")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}"))
                .willSetStateTo("recovered"));
        provider.stubFor(post("/v1/charges").inScenario("stripe").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"ch_1\"}")));

        assertThat(gateway.call(postTo(integration, "stripe", "/v1/charges", null)).status()).isEqualTo(200);

        List<LoggedRequest> requests = provider.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathMatching("/v1/charges")));
        assertThat(requests).hasSize(2);
        String key = requests.get(0).getHeader("Idempotency-Key");
        assertThat(key).isNotBlank();
        assertThat(requests.get(1).getHeader("Idempotency-Key")).isEqualTo(key);

        provider.resetRequests();
        provider.setScenarioState("stripe", STARTED);
        gateway.call(postTo(integration, "stripe", "/v1/charges", "order-42-charge"));
        assertThat(provider.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathMatching("/v1/charges"))).stream().map(r -> r.getHeader("Idempotency-Key")))
                .containsExactly("order-42-charge", "order-42-charge");
    }

    @Test
    void aPostWithoutIdempotencySupportIsNotResentAfterAServerError() {
        UUID integration = mailgun();
        provider.stubFor(post("/v3/mg.example.com/messages").willReturn(aResponse().withStatus(502)));

        IntegrationError error = failure(postTo(integration, "mailgun", "/v3/mg.example.com/messages", null));

        assertThat(error.type()).isEqualTo(ErrorType.API);
        assertThat(error.retryable()).as("the caller may decide to retry").isTrue();
        assertThat(received("/v3/mg.example.com/messages")).as("Mailgun might have sent it: not resent").isEqualTo(1);
        assertThat(provider.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()))
                .get(0).getHeader("Idempotency-Key")).isNull();
    }

    @Test
    void aProviderThatNeverAnswersCostsAtMostTheTimeout() {
        UUID integration = custom("Silent");
        provider.stubFor(any(urlPathMatching("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        ProviderCall call = new ProviderCall(tenant, integration, "custom", "custom.slow",
                HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/slow")).timeout(Duration.ofMillis(500))
                        .GET().build(), Urgency.CALLER_FACING, null);

        long started = System.nanoTime();
        IntegrationError error = failure(call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error.type()).isEqualTo(ErrorType.NETWORK);
        assertThat(error.retryable()).isTrue();
        assertThat(took).isLessThan(Duration.ofMillis(3_500));
    }

    @Test
    void privateAndMetadataAddressesAreRefusedBeforeAnythingIsSent() throws Exception {
        UUID integration = custom("Sneaky");
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/admin",
                "http://192.168.0.1/", "http://[fd00:ec2::254]/", "http://0.0.0.0:8080/")) {
            ProviderCall call = new ProviderCall(tenant, integration, "custom", "custom.sneaky",
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), Urgency.CALLER_FACING, null);
            IntegrationError error = failure(call);
            assertThat(error.type()).as(url).isEqualTo(ErrorType.CONFIGURATION);
            assertThat(error.retryable()).isFalse();
            assertThat(count("select count(*) from integration_errors where id = ?",
                    UUID.fromString(error.incidentId()))).isEqualTo(1);
        }
    }

    @Test
    void aCachedReadReachesTheProviderOnce() {
        UUID integration = custom("Cached");
        provider.stubFor(get("/domains").willReturn(aResponse().withStatus(200).withBody("[\"mg.example.com\"]")));

        ProviderCall call = reading(integration, "custom", "/domains", Urgency.CALLER_FACING);
        assertThat(gateway.read(call, Duration.ofMinutes(1)).bodyText()).contains("mg.example.com");
        assertThat(gateway.read(call, Duration.ofMinutes(1)).bodyText()).contains("mg.example.com");

        assertThat(received("/domains")).isEqualTo(1);
    }

    @Test
    void anIntegrationThatEnablesCachingHasItsReadsCachedForItsTtl() {
        UUID plain = custom("Uncached");
        Map<String, Object> body = new HashMap<>(Map.of("name", "Caching", "category", "crm", "provider", "custom",
                "configuration", Map.of("baseUrl", "http://127.0.0.1:" + provider.port()),
                "rateLimits", generous(), "caching", Map.of("enabled", true, "ttl", 60)));
        UUID caching = register(body);
        provider.stubFor(get("/accounts").willReturn(aResponse().withStatus(200).withBody("{\"n\":1}")));
        provider.stubFor(post("/accounts").willReturn(aResponse().withStatus(200).withBody("{}")));

        for (int i = 0; i < 3; i++) {
            gateway.call(reading(caching, "custom", "/accounts", Urgency.CALLER_FACING));
        }
        assertThat(received("/accounts")).as("one GET reached the provider").isEqualTo(1);
        gateway.call(reading(plain, "custom", "/accounts", Urgency.CALLER_FACING));
        gateway.call(reading(plain, "custom", "/accounts", Urgency.CALLER_FACING));
        assertThat(received("/accounts")).as("without caching every GET goes out").isEqualTo(3);
        gateway.call(postTo(caching, "custom", "/accounts", null));
        gateway.call(postTo(caching, "custom", "/accounts", null));
        assertThat(received("/accounts")).as("POSTs are never cached").isEqualTo(5);
        assertThat(hub().get(base + "/" + caching, owner.token()).body().get("caching").get("ttl").asInt()).isEqualTo(60);
    }

    @Test
    void aCallForTheWrongProviderOrAnUnknownIntegrationIsAConfigurationError() {
        UUID integration = custom("Custom");
        assertThat(failure(reading(integration, "stripe", "/x", Urgency.CALLER_FACING)).type())
                .isEqualTo(ErrorType.CONFIGURATION);
        assertThat(failure(reading(UUID.randomUUID(), "custom", "/x", Urgency.CALLER_FACING)).type())
                .isEqualTo(ErrorType.CONFIGURATION);
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void theGatewayStateIsTheTenantsOnly() {
        UUID integration = custom("Watched");
        Response state = hub().get(base + "/" + integration + "/gateway", owner.token());
        assertThat(state.status()).as(state.raw().body()).isEqualTo(200);
        assertThat(state.body().get("circuit").get("state").asString()).isEqualTo("closed");
        assertThat(state.body().get("rateLimit").get("availablePermits").asLong()).isEqualTo(1000);

        assertThat(hub().get(base + "/" + UUID.randomUUID() + "/gateway", owner.token()).code())
                .isEqualTo("integration_not_found");
        SignedInUser outsider = hub().signedInUser("Outsider");
        assertThat(hub().get(base + "/" + integration + "/gateway", outsider.token()).code())
                .isEqualTo("tenant_not_found");
    }
}
