package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.posthog.AnalyticsEvent;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.tenancy.TenantSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics pipeline — client, buffer and batch sender with its own lifecycle — against a WireMock
 * PostHog, through the real gateway and the real tenant settings. Each test builds its own pipeline.
 */
class BatchSenderIntegrationTests extends HubIntegrationTest {

    private static final String KEY = "phc_senderTestsProjectKey";
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30.123Z");
    private static WireMockServer posthog;

    @Autowired
    ProviderGateway gateway;

    @Autowired
    TenantSettings tenantSettings;

    private final List<BatchSender> started = new ArrayList<>();
    private SimpleMeterRegistry meters;
    private AnalyticsMetrics metrics;

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
    void acceptBatches() {
        posthog.resetAll();
        posthog.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withBody("{\"status\": 1}")));
        meters = new SimpleMeterRegistry();
        metrics = new AnalyticsMetrics(meters);
    }

    @AfterEach
    void stopSenders() {
        started.forEach(BatchSender::stop);
    }

    // ---- fixtures ----

    private record Pipeline(CapturingAnalytics analytics, EventBuffer buffer, BatchSender sender) {
    }

    private Pipeline pipeline(int capacity, int batchSize, Duration flushInterval) {
        PostHogProperties properties = new PostHogProperties(KEY, URI.create("http://127.0.0.1:" + posthog.port()),
                null, null, null, capacity, batchSize, flushInterval, 3, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2), Map.of(), Duration.ofMinutes(1));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EventBuffer buffer = new EventBuffer(capacity, metrics, clock);
        BatchSender sender = new BatchSender(buffer, gateway, new OptOuts(tenantSettings, Duration.ofMinutes(1)),
                properties, json, metrics);
        return new Pipeline(new CapturingAnalytics(buffer, properties, clock), buffer, sender);
    }

    private BatchSender start(BatchSender sender) {
        sender.start();
        started.add(sender);
        return sender;
    }

    private List<JsonNode> batches() {
        return posthog.findAll(postRequestedFor(urlEqualTo("/batch/"))).stream()
                .map(request -> json.readTree(request.getBodyAsString())).toList();
    }

    private List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        batches().forEach(batch -> batch.path("batch").forEach(events::add));
        return events;
    }

    private double dropped(String reason) {
        return metrics.droppedCount(reason);
    }

    private AnalyticsEvent event(String name) {
        return new AnalyticsEvent(name, UUID.randomUUID().toString(), Map.of(), null, null);
    }

    // ---- behaviour ----

    @Test
    void sendsAFullBatchWithTheProjectKeyNamesDistinctIdsSetGroupsAndIsoTimestamps() {
        Pipeline p = pipeline(100, 3, Duration.ofHours(1));
        start(p.sender());
        UUID user = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();

        p.analytics().identify(user, tenant, Map.of("email", "ada@example.com", "name", "Ada"));
        p.analytics().group(tenant, Map.of("name", "Acme"));
        p.analytics().campaignSent(tenant, user, "c_1001", 250);

        // the interval is an hour: only the batch size can have sent it
        await().atMost(Duration.ofSeconds(20)).until(() -> batches().size() == 1);
        JsonNode body = batches().get(0);
        assertThat(body.path("api_key").asString()).isEqualTo(KEY);
        assertThat(body.path("historical_migration").asBoolean(true)).isFalse();
        JsonNode batch = body.path("batch");
        assertThat(batch.size()).isEqualTo(3);

        JsonNode identify = batch.get(0);
        assertThat(identify.path("event").asString()).isEqualTo("$identify");
        assertThat(identify.path("distinct_id").asString()).isEqualTo(user.toString());
        assertThat(identify.path("properties").path("distinct_id").asString()).isEqualTo(user.toString());
        assertThat(identify.path("properties").path("$set").path("email").asString()).isEqualTo("ada@example.com");
        assertThat(identify.path("properties").path("$groups").path("organization").asString())
                .isEqualTo(tenant.toString());
        assertThat(identify.path("timestamp").asString()).isEqualTo("2026-11-26T10:15:30.123Z");
        assertThat(identify.path("uuid").asString()).matches("[0-9a-f-]{36}");

        JsonNode group = batch.get(1);
        assertThat(group.path("event").asString()).isEqualTo("$groupidentify");
        assertThat(group.path("properties").path("$group_type").asString()).isEqualTo("organization");
        assertThat(group.path("properties").path("$group_key").asString()).isEqualTo(tenant.toString());
        assertThat(group.path("properties").path("$group_set").path("name").asString()).isEqualTo("Acme");
        assertThat(group.path("properties").path("$process_person_profile").asBoolean(true)).isFalse();

        JsonNode sent = batch.get(2);
        assertThat(sent.path("event").asString()).isEqualTo("campaign_sent");
        assertThat(sent.path("distinct_id").asString()).isEqualTo(user.toString());
        assertThat(sent.path("properties").path("campaign_id").asString()).isEqualTo("c_1001");
        assertThat(sent.path("properties").path("recipient_count").asInt()).isEqualTo(250);
        assertThat(sent.path("properties").path("$groups").path("organization").asString()).isEqualTo(tenant.toString());
        assertThat(meters.get("hub.posthog.events.sent").counter().count()).isEqualTo(3);
    }

    @Test
    void sendsWhatIsThereWhenTheIntervalHasPassed() {
        Pipeline p = pipeline(100, 100, Duration.ofMillis(200));
        start(p.sender());

        p.analytics().supportButtonClick(UUID.randomUUID(), UUID.randomUUID(), "floating_button");

        await().atMost(Duration.ofSeconds(20)).until(() -> events().size() == 1);
        JsonNode click = events().get(0);
        assertThat(click.path("event").asString()).isEqualTo("support_button_click");
        assertThat(click.path("properties").path("source").asString()).isEqualTo("floating_button");
    }

    @Test
    void retriesABatchAfterA503WithTheSameEventIds() {
        posthog.stubFor(post(urlEqualTo("/batch/")).inScenario("unwell").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"detail\": \"overloaded\"}"))
                .willSetStateTo("recovered"));
        posthog.stubFor(post(urlEqualTo("/batch/")).inScenario("unwell").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("{\"status\": 1}")));
        Pipeline p = pipeline(100, 2, Duration.ofHours(1));
        start(p.sender());

        p.analytics().capture(event("first"));
        p.analytics().capture(event("second"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.find("hub.posthog.events.sent").counter() != null
                        && meters.get("hub.posthog.events.sent").counter().count() == 2);
        List<JsonNode> batches = batches();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).path("batch")).isEqualTo(batches.get(1).path("batch"));
        assertThat(dropped("failed")).isZero();
    }

    @Test
    void dropsABatchPostHogRefusesWithoutRetrying() {
        posthog.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(400)
                .withBody("{\"type\": \"validation_error\", \"code\": \"invalid_payload\", \"detail\": \"bad\"}")));
        Pipeline p = pipeline(100, 1, Duration.ofHours(1));
        start(p.sender());

        p.analytics().capture(event("refused"));

        await().atMost(Duration.ofSeconds(20)).until(() -> dropped("rejected") == 1);
        assertThat(batches()).hasSize(1);
    }

    @Test
    void sendsWhatIsLeftInTheBufferWhenStopped() {
        Pipeline p = pipeline(100, 100, Duration.ofHours(1));
        BatchSender sender = start(p.sender());
        for (int i = 0; i < 5; i++) {
            p.analytics().capture(event("before_shutdown_" + i));
        }
        assertThat(batches()).isEmpty();

        sender.stop();

        assertThat(sender.isRunning()).isFalse();
        assertThat(events()).extracting(e -> e.path("event").asString())
                .containsExactly("before_shutdown_0", "before_shutdown_1", "before_shutdown_2", "before_shutdown_3",
                        "before_shutdown_4");
        assertThat(p.buffer().isEmpty()).isTrue();
    }

    @Test
    void dropsAndCountsEventsWhenTheBufferIsFull() {
        Pipeline p = pipeline(3, 100, Duration.ofHours(1));

        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(p.analytics().capture(event("burst_" + i)));
        }

        assertThat(accepted).containsExactly(true, true, true, false, false);
        assertThat(dropped("buffer_full")).isEqualTo(2);
        start(p.sender()).stop();
        assertThat(events()).extracting(e -> e.path("event").asString())
                .containsExactly("burst_0", "burst_1", "burst_2");
    }

    @Test
    void neverSendsEventsOfATenantThatOptedOut() {
        SignedInUser owner = hub().signedInUser("OptOutOwner");
        Response optedOut = hub().post("/api/v1/tenants", Map.of("name", "Private tenant",
                "settings", Map.of(TenantSettings.ANALYTICS_OPT_OUT, true)), owner.token());
        assertThat(optedOut.status()).isEqualTo(201);
        UUID privateTenant = UUID.fromString(optedOut.body().get("id").asString());
        UUID openTenant = hub().tenantOf(owner, "Open tenant");
        Pipeline p = pipeline(100, 100, Duration.ofHours(1));
        BatchSender sender = start(p.sender());

        p.analytics().campaignSent(privateTenant, owner.id(), "c_private", 10);
        p.analytics().identify(owner.id(), privateTenant, Map.of("plan", "pro"));
        p.analytics().group(privateTenant, Map.of("name", "Private tenant"));
        p.analytics().campaignSent(openTenant, owner.id(), "c_open", 20);
        p.analytics().capture(new AnalyticsEvent("no_tenant", owner.id().toString(), Map.of(), null, null));
        sender.stop();

        assertThat(events()).extracting(e -> e.path("event").asString()).containsExactly("campaign_sent", "no_tenant");
        assertThat(events().get(0).path("properties").path("campaign_id").asString()).isEqualTo("c_open");
        assertThat(posthog.findAll(postRequestedFor(urlEqualTo("/batch/"))).get(0).getBodyAsString())
                .doesNotContain(privateTenant.toString());
        assertThat(dropped("opted_out")).isEqualTo(3);
    }
}
