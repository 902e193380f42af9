package com.penguinmails.hub.billing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** Connected accounts, onboarding links and payments against a WireMock Stripe. */
class StripeConnectIntegrationTests extends HubIntegrationTest {

    private StripeFixtures fixtures;

    @BeforeEach
    void setUp() {
        TestSecrets.register(PLATFORM_STRIPE_KEY);
        fixtures = new StripeFixtures(hub(), json);
    }

    private static List<LoggedRequest> requestsTo(String path, String containing) {
        return StripeFixtures.stripe().findAll(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(containing(containing)));
    }

    private static String decoded(LoggedRequest request) {
        return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    }

    @Test
    void createsAnExpressAccountFormEncodedWithNestedCapabilitiesOnce() {
        SignedInUser owner = hub().signedInUser("connect");
        UUID tenant = hub().tenantOf(owner, "Connect Co");
        String email = HubClient.uniqueEmail("shop");
        String accountId = StripeFixtures.newAccountId();
        fixtures.stubAccountCreation(email, accountId);

        Response created = hub().post("/api/v1/tenants/" + tenant + "/billing/connected-account",
                Map.of("country", "US", "email", email), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().get("id").asString()).isEqualTo(accountId);
        assertThat(created.body().get("chargesEnabled").asBoolean()).isFalse();
        assertThat(created.body().get("requirementsDue").toString()).contains("external_account");
        assertThat(created.body().get("capabilities").get("card_payments").asString()).isEqualTo("inactive");

        String encodedEmail = java.net.URLEncoder.encode(email, StandardCharsets.UTF_8);
        List<LoggedRequest> calls = requestsTo("/v1/accounts", encodedEmail);
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(call.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + PLATFORM_STRIPE_KEY);
        assertThat(call.getHeader("Idempotency-Key")).startsWith("hub-account-" + tenant);
        assertThat(call.containsHeader("Stripe-Account")).as("the platform creates accounts as itself").isFalse();
        assertThat(decoded(call).split("&")).contains("type=express", "country=US", "email=" + email,
                "capabilities[card_payments][requested]=true", "capabilities[transfers][requested]=true",
                "metadata[hub_tenant_id]=" + tenant);

        Response again = hub().post("/api/v1/tenants/" + tenant + "/billing/connected-account",
                Map.of("country", "US", "email", email), owner.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asString()).isEqualTo(accountId);
        assertThat(requestsTo("/v1/accounts", encodedEmail)).as("one account per tenant").hasSize(1);

        Response read = hub().get("/api/v1/tenants/" + tenant + "/billing/connected-account", owner.token());
        assertThat(read.body().get("id").asString()).isEqualTo(accountId);
        assertThat(read.body().get("email").asString()).isEqualTo(email);
    }

    @Test
    void onboardingLinksComeWithAHubRefreshUrlThatMakesAFreshLink() {
        StripeFixtures.ConnectedTenant t = fixtures.connectedTenant("onboarding");
        StripeFixtures.stripe().stubFor(post(urlPathEqualTo("/v1/account_links"))
                .withRequestBody(containing("account=" + t.accountId()))
                .inScenario("links-" + t.accountId()).whenScenarioStateIs(STARTED).willSetStateTo("second")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"object\":\"account_link\",\"created\":1680577733,\"expires_at\":1680578033,"
                                + "\"url\":\"https://connect.stripe.com/setup/c/" + t.accountId() + "/first\"}")));
        StripeFixtures.stripe().stubFor(post(urlPathEqualTo("/v1/account_links"))
                .withRequestBody(containing("account=" + t.accountId()))
                .inScenario("links-" + t.accountId()).whenScenarioStateIs("second")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"object\":\"account_link\",\"created\":1680577800,\"expires_at\":1680578100,"
                                + "\"url\":\"https://connect.stripe.com/setup/c/" + t.accountId() + "/second\"}")));

        Response link = hub().post(t.billing() + "/connected-account/onboarding-links", null, t.owner().token());
        assertThat(link.status()).as(link.raw().body()).isEqualTo(201);
        assertThat(link.body().get("url").asString()).endsWith("/first");
        assertThat(link.body().get("expiresAt").asString()).isEqualTo("2023-04-04T03:13:53Z");

        List<LoggedRequest> calls = requestsTo("/v1/account_links", "account=" + t.accountId());
        assertThat(calls).hasSize(1);
        String form = decoded(calls.get(0));
        assertThat(calls.get(0).getHeader("Idempotency-Key")).isNotBlank();
        assertThat(form.split("&")).contains("type=account_onboarding", "return_url=http://localhost:8080/console/");
        String refreshUrl = java.util.Arrays.stream(form.split("&")).filter(p -> p.startsWith("refresh_url="))
                .findFirst().orElseThrow().substring("refresh_url=".length());
        assertThat(refreshUrl).startsWith("http://localhost:8080/billing/stripe/onboarding/refresh/");

        // Stripe sends the browser (no session) to the refresh URL: a brand-new link, by redirect
        String path = URI.create(refreshUrl).getPath();
        Response refreshed = hub().get(path, null);
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(303);
        assertThat(refreshed.header("Location")).endsWith("/second");
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
        List<LoggedRequest> both = requestsTo("/v1/account_links", "account=" + t.accountId());
        assertThat(both).hasSize(2);
        assertThat(decoded(both.get(1))).contains("refresh_url=" + refreshUrl);
        assertThat(both.get(1).getHeader("Idempotency-Key")).isNotEqualTo(both.get(0).getHeader("Idempotency-Key"));

        assertThat(hub().get("/billing/stripe/onboarding/refresh/not-a-token", null).code()).isEqualTo("invalid_token");
        Response unknown = hub().get("/billing/stripe/onboarding/refresh/" + "A".repeat(43), null);
        assertThat(unknown.status()).isEqualTo(410);
        assertThat(unknown.code()).isEqualTo("onboarding_link_expired");
        assertThat(requestsTo("/v1/account_links", "account=" + t.accountId())).hasSize(2);
    }

    @Test
    void theHealthCheckReadsTheBalanceWithTheIntegrationsKey() {
        StripeFixtures.ConnectedTenant t = fixtures.connectedTenant("probe");
        String secretKey = TestSecrets.fresh("sk_test_");
        Response integration = hub().post("/api/v1/tenants/" + t.tenantId() + "/integrations", Map.of(
                "name", "Stripe probe", "category", "payment_processor", "provider", "stripe",
                "configuration", Map.of("publishableKey", "pk_test_abcdefghij", "secretKey", secretKey,
                        "webhookSecrets", List.of(TestSecrets.fresh("whsec_"))),
                // a generous response-time threshold: this test is about the probe's call, not the machine's speed
                "monitoring", Map.of("enabled", true, "healthCheckIntervalSeconds", 300,
                        "responseTimeThresholdMs", 60_000, "errorRateThreshold", 0.05)), t.owner().token());
        assertThat(integration.status()).as(integration.raw().body()).isEqualTo(201);
        String check = "/api/v1/tenants/" + t.tenantId() + "/monitoring/integrations/"
                + integration.body().get("id").asString() + "/check";
        java.util.function.Supplier<com.github.tomakehurst.wiremock.client.MappingBuilder> balance = () -> com.github
                .tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/balance"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey));

        StripeFixtures.stripe().stubFor(balance.get().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"object\":\"balance\",\"livemode\":false}")));
        Response up = hub().post(check, Map.of(), t.owner().token());
        assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
        assertThat(up.body().get("probe").asString()).isEqualTo("up");
        assertThat(up.body().get("status").asString()).isEqualTo("healthy");

        StripeFixtures.stripe().stubFor(balance.get().willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}")));
        Response down = hub().post(check, Map.of(), t.owner().token());
        assertThat(down.body().get("probe").asString()).isEqualTo("down");
        assertThat(down.body().get("status").asString()).isEqualTo("unhealthy");
        assertThat(down.raw().body()).doesNotContain(secretKey);
    }

    @Test
    void aPaymentIsADirectChargeWithTheIntegrationsFeeAndOneIdempotencyKeyAcrossRetries() {
        StripeFixtures.ConnectedTenant t = fixtures.connectedTenant("payments");
        String secretKey = TestSecrets.fresh("sk_test_");
        Response integration = hub().post("/api/v1/tenants/" + t.tenantId() + "/integrations", Map.of(
                "name", "Stripe Connect", "category", "payment_processor", "provider", "stripe",
                "configuration", Map.of("publishableKey", "pk_test_abcdefghij", "secretKey", secretKey,
                        "webhookSecrets", List.of(TestSecrets.fresh("whsec_")), "applicationFeePercent", 2.9),
                "errorHandling", Map.of(
                        "retryPolicy", Map.of("maxAttempts", 3, "backoffStrategy", "exponential", "baseDelay", 50,
                                "maxDelay", 500),
                        "circuitBreaker", Map.of("failureThreshold", 10, "recoveryTimeout", 60_000,
                                "monitoringPeriod", 60_000),
                        "notifyAdminsOnApiErrors", false)), t.owner().token());
        assertThat(integration.status()).as(integration.raw().body()).isEqualTo(201);

        String scenario = "pi-" + t.accountId();
        String intent = StripeFixtures.newId("pi_");
        StripeFixtures.stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Stripe-Account", equalTo(t.accountId()))
                .inScenario(scenario).whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}")));
        StripeFixtures.stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Stripe-Account", equalTo(t.accountId()))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(json.writeValueAsString(
                        StripeFixtures.paymentIntent(intent, 1999, "usd", 58L, "requires_payment_method", null,
                                Map.of("hub_tenant_id", t.tenantId().toString()))))));

        Response paid = hub().send("POST", t.billing() + "/payments",
                Map.of("amount", 1999, "currency", "usd", "description", "Order 42"), t.owner().token(),
                "application/json", Map.of("Idempotency-Key", "order-42"));
        assertThat(paid.status()).as(paid.raw().body()).isEqualTo(201);
        assertThat(paid.body().get("payment").get("id").asString()).isEqualTo(intent);
        assertThat(paid.body().get("payment").get("applicationFeeAmount").asLong()).isEqualTo(58);
        assertThat(paid.body().get("clientSecret").asString()).isEqualTo(intent + "_secret_abc");
        assertThat(paid.body().get("applicationFeePercent").decimalValue()).isEqualByComparingTo("2.9");

        List<LoggedRequest> calls = StripeFixtures.stripe().findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Stripe-Account", equalTo(t.accountId())));
        assertThat(calls).as("a 500 then a 200").hasSize(2);
        String key = calls.get(0).getHeader("Idempotency-Key");
        assertThat(key).startsWith("hub-pi-");
        assertThat(calls.get(1).getHeader("Idempotency-Key")).isEqualTo(key);
        assertThat(calls.get(0).getHeader("Authorization")).isEqualTo("Bearer " + secretKey);
        assertThat(decoded(calls.get(1)).split("&")).contains("amount=1999", "currency=usd",
                "application_fee_amount=58", "automatic_payment_methods[enabled]=true",
                "metadata[hub_tenant_id]=" + t.tenantId(), "description=Order 42");

        // the client retries the same logical request: Stripe sees the same key (and answers the same intent)
        Response retried = hub().send("POST", t.billing() + "/payments",
                Map.of("amount", 1999, "currency", "usd", "description", "Order 42"), t.owner().token(),
                "application/json", Map.of("Idempotency-Key", "order-42"));
        assertThat(retried.status()).isEqualTo(201);
        hub().send("POST", t.billing() + "/payments", Map.of("amount", 1999, "currency", "usd"), t.owner().token(),
                "application/json", Map.of("Idempotency-Key", "order-43"));
        List<String> keys = StripeFixtures.stripe().findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Stripe-Account", equalTo(t.accountId()))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(4);
        assertThat(keys.get(2)).isEqualTo(key);
        assertThat(keys.get(3)).isNotEqualTo(key);

        Response list = hub().get(t.billing() + "/payments", t.owner().token());
        assertThat(list.body().get("payments").size()).isEqualTo(1);
        Response one = hub().get(t.billing() + "/payments/" + intent, t.owner().token());
        assertThat(one.body().get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(one.body().get("accountId").asString()).isEqualTo(t.accountId());
        assertThat(one.body().has("clientSecret")).isFalse();
    }

    @Test
    void stripeRefusingAPaymentIsA422AndNothingIsRecorded() {
        StripeFixtures.ConnectedTenant t = fixtures.connectedTenant("refused");
        StripeFixtures.stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Stripe-Account", equalTo(t.accountId()))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"amount_too_small\","
                                + "\"message\":\"Amount must be at least $0.50 usd\",\"param\":\"amount\"}}")));
        Response refused = hub().post(t.billing() + "/payments", Map.of("amount", 10, "currency", "usd"),
                t.owner().token());
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("stripe_refused");
        assertThat(refused.body().get("detail").asString()).contains("amount_too_small");
        assertThat(hub().get(t.billing() + "/payments", t.owner().token()).body().get("payments").size()).isZero();
    }

    @Test
    void badInputToEveryBillingEndpointIsA400ProblemAndChangesNothing() {
        SignedInUser owner = hub().signedInUser("bad-billing");
        UUID tenant = hub().tenantOf(owner, "Bad Billing");
        String base = "/api/v1/tenants/" + tenant + "/billing";
        int before = StripeFixtures.stripe().getAllServeEvents().size();

        for (Object body : List.of(Map.of("country", "usa", "email", "a@example.com"),
                Map.of("country", "US", "email", "not-an-email"), Map.of("email", "a@example.com"),
                Map.of("country", "US", "email", "x".repeat(250) + "@example.com"))) {
            Response bad = hub().post(base + "/connected-account", body, owner.token());
            assertThat(bad.status()).as(body.toString()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.code()).isEqualTo("validation_failed");
        }
        assertThat(hub().send("POST", base + "/connected-account", "{not json", owner.token(), "application/json")
                .code()).isEqualTo("malformed_request");
        assertThat(hub().get(base + "/connected-account", owner.token()).code()).isEqualTo("connected_account_not_found");

        for (Object body : List.of(Map.of("amount", 0, "currency", "usd"), Map.of("amount", 100, "currency", "USD"),
                Map.of("currency", "usd"), Map.of("amount", 100_000_000_000L, "currency", "usd"),
                Map.of("amount", 100, "currency", "usd", "description", "d".repeat(1001)))) {
            Response bad = hub().post(base + "/payments", body, owner.token());
            assertThat(bad.status()).as(body.toString()).isEqualTo(400);
            assertThat(bad.code()).isEqualTo("validation_failed");
        }
        assertThat(hub().send("POST", base + "/payments", Map.of("amount", 100, "currency", "usd"), owner.token(),
                "application/json", Map.of("Idempotency-Key", "spaces are not allowed")).status()).isEqualTo(400);
        assertThat(hub().send("POST", base + "/payments", "{\"amount\":\"many\",\"currency\":\"usd\"}", owner.token(),
                "application/json").status()).isEqualTo(400);
        // a valid payment without a connected account: nothing to charge on
        assertThat(hub().post(base + "/payments", Map.of("amount", 100, "currency", "usd"), owner.token()).code())
                .isEqualTo("connected_account_not_found");

        assertThat(hub().get(base + "/payments/not-a-payment", owner.token()).code()).isEqualTo("invalid_parameter");
        assertThat(hub().get(base + "/payments?limit=0", owner.token()).status()).isEqualTo(400);
        assertThat(hub().get(base + "/payments?limit=abc", owner.token()).status()).isEqualTo(400);
        assertThat(hub().get(base + "/payments?cursor=%25%25", owner.token()).code()).isEqualTo("invalid_cursor");
        assertThat(hub().get(base + "/payments?cursor=bm90LWEtY3Vyc29y", owner.token()).code()).isEqualTo("invalid_cursor");

        assertThat(hub().put(base + "/profile", Map.of("billingEmail", "nope"), owner.token()).code())
                .isEqualTo("validation_failed");
        assertThat(hub().get(base + "/profile", owner.token()).body().path("billingEmail").isString()).isFalse();
        assertThat(hub().post(base + "/connected-account/onboarding-links", null, owner.token()).code())
                .isEqualTo("connected_account_not_found");
        assertThat(hub().post(base + "/connected-account/sync", null, owner.token()).code())
                .isEqualTo("connected_account_not_found");
        assertThat(hub().get(base + "/subscription", owner.token()).code()).isEqualTo("subscription_not_found");

        assertThat(StripeFixtures.stripe().getAllServeEvents().size()).as("Stripe was never called").isEqualTo(before);
        assertThat(hub().get(base + "/payments", owner.token()).body().get("payments").size()).isZero();
    }

    @Test
    void billingNeedsItsScopesAndMembersCannotChangeTheAccount() {
        StripeFixtures.ConnectedTenant t = fixtures.connectedTenant("scopes");
        HubClient.ApiKey reader = hub().apiKey(t.owner(), t.tenantId(), "billing:read");
        HubClient.ApiKey other = hub().apiKey(t.owner(), t.tenantId(), "email:send");
        assertThat(hub().get(t.billing() + "/connected-account", reader.key()).status()).isEqualTo(200);
        assertThat(hub().get(t.billing() + "/connected-account", other.key()).code()).isEqualTo("insufficient_scope");
        assertThat(hub().post(t.billing() + "/payments", Map.of("amount", 100, "currency", "usd"), reader.key()).code())
                .isEqualTo("insufficient_scope");

        SignedInUser member = hub().signedInUser("member");
        hub().addMember(t.owner(), t.tenantId(), member, "member");
        assertThat(hub().post(t.billing() + "/connected-account/onboarding-links", null, member.token()).code())
                .isEqualTo("insufficient_role");
        assertThat(hub().put(t.billing() + "/profile", Map.of("billingEmail", "billing@example.com"), member.token())
                .code()).isEqualTo("insufficient_role");
    }
}
