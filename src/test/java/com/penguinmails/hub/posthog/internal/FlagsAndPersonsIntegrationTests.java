package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.posthog.FlagSet;
import com.penguinmails.hub.posthog.PostHogPersons.Person;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.tenancy.TenantSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Feature flags (cache and fallback) and the persons API against a WireMock PostHog, through the real gateway. */
class FlagsAndPersonsIntegrationTests extends HubIntegrationTest {

    private static final String KEY = "phc_flagsTestsProjectKey";
    private static final String PERSONAL_KEY = TestSecrets.fresh("phx_");
    private static final String FLAGS = """
            {"flags": {
               "new-editor": {"key": "new-editor", "enabled": true,
                              "reason": {"code": "condition_match", "condition_index": 0},
                              "metadata": {"id": 1, "version": 1}},
               "pricing-page": {"key": "pricing-page", "enabled": true, "variant": "annual-first",
                                "metadata": {"id": 2, "version": 42}},
               "dark-launch": {"key": "dark-launch", "enabled": false}},
             "errorsWhileComputingFlags": false,
             "requestId": "550e8400-e29b-41d4-a716-446655440000"}""";
    private static WireMockServer posthog;

    @Autowired
    ProviderGateway gateway;

    @Autowired
    TenantSettings tenantSettings;

    @BeforeAll
    static void fakePostHog() {
        posthog = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        posthog.start();
    }

    @AfterAll
    static void stopPostHog() {
        posthog.stop();
    }

    @BeforeEach
    void reset() {
        posthog.resetAll();
    }

    private PostHogProperties properties(String projectKey, String personalKey, String projectId) {
        return new PostHogProperties(projectKey, URI.create("http://127.0.0.1:" + posthog.port()), null, personalKey,
                projectId, 100, 100, Duration.ofSeconds(10), 3, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(2),
                Map.of("new-editor", "false", "support-chat", "true", "pricing-page", "control"), Duration.ofMinutes(1));
    }

    private EvaluatingFlags flags(String projectKey) {
        PostHogProperties properties = properties(projectKey, null, null);
        return new EvaluatingFlags(gateway, properties, new OptOuts(tenantSettings, Duration.ofMinutes(1)), json,
                Clock.systemUTC());
    }

    private int flagRequests() {
        return posthog.findAll(postRequestedFor(urlPathEqualTo("/flags"))).size();
    }

    @Test
    void evaluatesFlagsForAUserInTheOrganisationAndReusesTheAnswer() {
        posthog.stubFor(post(urlEqualTo("/flags?v=2")).willReturn(aResponse().withStatus(200).withBody(FLAGS)));
        EvaluatingFlags flags = flags(KEY);
        UUID user = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();

        FlagSet first = flags.evaluate(user, tenant);
        FlagSet second = flags.evaluate(user, tenant);

        assertThat(first.source()).isEqualTo(FlagSet.POSTHOG);
        assertThat(first.flags()).containsEntry("new-editor", true).containsEntry("pricing-page", "annual-first")
                .containsEntry("dark-launch", false)
                .containsEntry("support-chat", true); // a default PostHog did not answer for
        assertThat(first.isEnabled("pricing-page")).isTrue();
        assertThat(first.variant("pricing-page")).isEqualTo("annual-first");
        assertThat(second).isEqualTo(first);
        assertThat(flagRequests()).isEqualTo(1);
        JsonNode asked = json.readTree(posthog.findAll(postRequestedFor(urlPathEqualTo("/flags"))).get(0).getBodyAsString());
        assertThat(asked.path("api_key").asString()).isEqualTo(KEY);
        assertThat(asked.path("distinct_id").asString()).isEqualTo(user.toString());
        assertThat(asked.path("groups").path("organization").asString()).isEqualTo(tenant.toString());

        flags.evaluate(UUID.randomUUID(), tenant); // another user is another entry
        assertThat(flagRequests()).isEqualTo(2);
    }

    @Test
    void answersTheDefaultsWhenPostHogFailsAndAsksAgainNextTime() {
        posthog.stubFor(post(urlEqualTo("/flags?v=2")).willReturn(aResponse().withStatus(500)));
        EvaluatingFlags flags = flags(KEY);
        UUID user = UUID.randomUUID();

        FlagSet fallback = flags.evaluate(user, null);

        assertThat(fallback.source()).isEqualTo(FlagSet.DEFAULTS);
        assertThat(fallback.flags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("new-editor", false, "support-chat", true, "pricing-page", "control"));
        posthog.stubFor(post(urlEqualTo("/flags?v=2")).willReturn(aResponse().withStatus(200).withBody(FLAGS)));
        assertThat(flags.evaluate(user, null).source()).isEqualTo(FlagSet.POSTHOG);
    }

    /** Flags asked of PostHog at {@code host}, waiting at most {@code timeout} in all. */
    private EvaluatingFlags flags(URI host, Duration timeout) {
        PostHogProperties p = properties(KEY, null, null);
        PostHogProperties bounded = new PostHogProperties(p.projectApiKey(), host, null, null, null, p.bufferCapacity(),
                p.batchSize(), p.flushInterval(), p.maxAttempts(), p.retryBase(), p.retryMax(), p.shutdownTimeout(),
                p.flagsTtl(), timeout, p.flagDefaults(), p.optOutTtl());
        return new EvaluatingFlags(gateway, bounded, new OptOuts(tenantSettings, Duration.ofMinutes(1)), json,
                Clock.systemUTC());
    }

    @Test
    void theFlagsTimeoutBoundsTheWholeWaitWhenPostHogRefusesConnectionsOrAnswersLate() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        // a generous margin: the machine running the suite may be busy; without the bound these take 2–5 s
        Duration bound = timeout.plusMillis(1500);
        int refusing;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            refusing = socket.getLocalPort();
        }
        EvaluatingFlags refused = flags(URI.create("http://127.0.0.1:" + refusing), timeout);
        long started = System.nanoTime();
        FlagSet answered = refused.evaluate(UUID.randomUUID(), null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answered.source()).isEqualTo(FlagSet.DEFAULTS);
        assertThat(took).as("refused connections").isLessThan(bound);

        posthog.stubFor(post(urlEqualTo("/flags?v=2")).willReturn(aResponse().withStatus(200).withBody(FLAGS)
                .withFixedDelay(5000)));
        EvaluatingFlags late = flags(URI.create("http://127.0.0.1:" + posthog.port()), timeout);
        started = System.nanoTime();
        answered = late.evaluate(UUID.randomUUID(), null);
        took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answered.source()).isEqualTo(FlagSet.DEFAULTS);
        assertThat(took).as("a late answer").isLessThan(bound);
    }

    @Test
    void answersTheDefaultsWhenPostHogIsOutOfFlagQuota() {
        posthog.stubFor(post(urlEqualTo("/flags?v=2")).willReturn(aResponse().withStatus(200)
                .withBody("{\"flags\": {}, \"quotaLimited\": [\"feature_flags\"]}")));

        FlagSet answered = flags(KEY).evaluate(UUID.randomUUID(), null);

        assertThat(answered.source()).isEqualTo(FlagSet.DEFAULTS);
        assertThat(answered.isEnabled("support-chat")).isTrue();
    }

    @Test
    void asksNothingWhenNotConfiguredOrWhenTheTenantOptedOut() {
        assertThat(flags(null).evaluate(UUID.randomUUID(), null).source()).isEqualTo(FlagSet.DEFAULTS);

        SignedInUser owner = hub().signedInUser("FlagsOptOut");
        Response created = hub().post("/api/v1/tenants", Map.of("name", "Quiet tenant",
                "settings", Map.of(TenantSettings.ANALYTICS_OPT_OUT, true)), owner.token());
        UUID quiet = UUID.fromString(created.body().get("id").asString());
        assertThat(flags(KEY).evaluate(owner.id(), quiet).source()).isEqualTo(FlagSet.DEFAULTS);

        assertThat(flagRequests()).isZero();
    }

    @Test
    void readsPersonsWithThePersonalKeyAsBearer() {
        String distinctId = UUID.randomUUID().toString();
        posthog.stubFor(get(urlPathEqualTo("/api/projects/77/persons/"))
                .withQueryParam("distinct_id", equalTo(distinctId))
                .withHeader("Authorization", equalTo("Bearer " + PERSONAL_KEY))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"next": null, "previous": null, "results": [
                          {"id": 9, "uuid": "01890a5d-ac0e-7c0f-8d2b-4a6b7c8d9e0f",
                           "distinct_ids": ["%s", "anon-123"],
                           "properties": {"email": "ada@example.com", "plan": "pro"},
                           "created_at": "2026-11-01T08:00:00.000000Z"}]}""".formatted(distinctId))));
        ReadingPersons persons = new ReadingPersons(gateway, properties(KEY, PERSONAL_KEY, "77"), json);

        List<Person> found = persons.persons(distinctId);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).id()).isEqualTo("01890a5d-ac0e-7c0f-8d2b-4a6b7c8d9e0f");
        assertThat(found.get(0).distinctIds()).containsExactly(distinctId, "anon-123");
        assertThat(found.get(0).properties()).containsEntry("email", "ada@example.com");
        assertThat(found.get(0).createdAt()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(posthog.findAll(getRequestedFor(urlPathEqualTo("/api/projects/77/persons/")))).hasSize(1);
    }

    @Test
    void refusesToReadPersonsWithoutAPersonalKey() {
        ReadingPersons persons = new ReadingPersons(gateway, properties(KEY, null, "77"), json);

        ProviderCallFailed failed = catchThrowableOfType(ProviderCallFailed.class, () -> persons.persons("someone"));

        assertThat(failed.error().type()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(posthog.getAllServeEvents()).isEmpty();
    }
}
