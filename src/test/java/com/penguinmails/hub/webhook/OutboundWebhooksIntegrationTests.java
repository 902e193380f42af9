package com.penguinmails.hub.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient.ApiKey;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Outbound webhooks over real HTTP to receivers on 127.0.0.1, every signature checked by the
 * independent verifier in {@link WebhookReceiver}.
 */
class OutboundWebhooksIntegrationTests extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    OutboundEvents events;

    @Autowired
    TenantTransactions transactions;

    private SignedInUser owner;
    private UUID tenant;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void aTenant() {
        owner = hub().signedInUser("Owner");
        tenant = hub().tenantOf(owner, "Outbound");
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver(WebhookReceiver.Answer answer) {
        WebhookReceiver receiver = new WebhookReceiver(answer);
        receivers.add(receiver);
        return receiver;
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/webhook-endpoints";
    }

    record Endpoint(UUID id, String secret) {
    }

    private Endpoint endpoint(String url, List<String> types, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("url", url, "eventTypes", types,
                "description", "test receiver"));
        body.putAll(extra);
        Response created = hub().post(path(), body, owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String secret = TestSecrets.register(created.body().get("secret").asString());
        return new Endpoint(UUID.fromString(created.body().get("endpoint").get("id").asString()), secret);
    }

    @Test
    void anEndpointSubscribedToEventTypesThatNothingPublishesIsRefusedOnCreateAndUpdate() {
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        Response refused = hub().post(path(), Map.of("url", receiver.url(), "eventTypes",
                List.of("webhook.test", "no.such.type", "email.*", "nosuch.*")), owner.token());
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(refused.body().get("errors").findValuesAsString("field"))
                .containsExactly("eventTypes[1]", "eventTypes[3]");
        assertThat(refused.raw().body()).contains("no.such.type", "nosuch.*");
        assertThat(hub().get(path(), owner.token()).body().get("endpoints").size()).as("nothing created").isZero();

        Endpoint endpoint = endpoint(receiver.url(), List.of("webhook.*", "integration.status_changed", "*"), Map.of());
        Response update = hub().put(path() + "/" + endpoint.id(), Map.of("url", receiver.url(),
                "eventTypes", List.of("webhook.test", "no.such.type")), owner.token());
        assertThat(update.status()).as(update.raw().body()).isEqualTo(400);
        assertThat(update.body().get("errors").findValuesAsString("field")).containsExactly("eventTypes[1]");
        assertThat(hub().get(path() + "/" + endpoint.id(), owner.token()).body().get("eventTypes").toString())
                .as("unchanged").isEqualTo("[\"webhook.*\",\"integration.status_changed\",\"*\"]");
    }

    private static Map<String, Object> fastRetries(String... schedule) {
        return Map.of("retryPolicy", Map.of("schedule", List.of(schedule)));
    }

    private List<UUID> publish(String type, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            ids.add(transactions.inTenant(tenant, () -> events.publish(tenant, type,
                    Map.of("endpointId", UUID.randomUUID(), "message", "event " + n))));
        }
        return ids;
    }

    private JsonNode messages(Endpoint endpoint, String query) {
        Response page = hub().get(path() + "/" + endpoint.id() + "/messages" + query, owner.token());
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.body().get("messages");
    }

    private static Set<String> ids(List<WebhookReceiver.Received> received) {
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static String messageId(UUID eventId) {
        return "msg_" + eventId.toString().replace("-", "");
    }

    @Test
    void aTestEventIsSignedPerStandardWebhooksAndRecordedWithItsAttempt() {
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        Endpoint endpoint = endpoint(receiver.url(), List.of("email.*"),
                Map.of("headers", Map.of("X-Customer", "acme")));
        assertThat(endpoint.secret()).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(endpoint.secret().substring(6))).hasSizeGreaterThanOrEqualTo(24);
        Response read = hub().get(path() + "/" + endpoint.id(), owner.token());
        assertThat(read.raw().body()).doesNotContain(endpoint.secret()).doesNotContain("secret\"");

        Response test = hub().post(path() + "/" + endpoint.id() + "/test", null, owner.token());
        assertThat(test.status()).as(test.raw().body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        WebhookReceiver.Received got = receiver.accepted().get(0);
        assertThat(got.id()).isEqualTo(test.body().get("messageId").asString());
        assertThat(WebhookReceiver.verifies(endpoint.secret(), got.id(), got.timestamp(), got.body(), got.signature(),
                Instant.now())).isTrue();
        assertThat(WebhookReceiver.verifies(endpoint.secret(), got.id(), got.timestamp(), got.body() + " ",
                got.signature(), Instant.now())).isFalse();
        assertThat(got.headers()).containsEntry("x-customer", "acme").containsEntry("content-type", "application/json");
        JsonNode payload = json.readTree(got.body());
        assertThat(payload.get("type").asString()).isEqualTo("webhook.test");
        assertThat(Instant.parse(payload.get("timestamp").asString())).isNotNull();
        assertThat(payload.get("data").get("endpointId").asString()).isEqualTo(endpoint.id().toString());

        await().atMost(WAIT).until(() -> "delivered".equals(messages(endpoint, "").get(0).get("state").asString()));
        JsonNode message = messages(endpoint, "").get(0);
        assertThat(message.get("messageId").asString()).isEqualTo(got.id());
        assertThat(message.get("attemptLog").size()).isEqualTo(1);
        assertThat(message.get("attemptLog").get(0).get("status").asInt()).isEqualTo(200);
        assertThat(message.get("attemptLog").get(0).get("responseBody").asString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void publishingWritesOneDeliveryPerMatchingEndpointAndRefusesBadEvents() {
        WebhookReceiver all = receiver((r, attempt) -> 200);
        WebhookReceiver integrations = receiver((r, attempt) -> 200);
        WebhookReceiver filtered = receiver((r, attempt) -> 200);
        WebhookReceiver email = receiver((r, attempt) -> 200);
        endpoint(all.url(), List.of("*"), Map.of());
        endpoint(integrations.url(), List.of("integration.*"), Map.of());
        endpoint(filtered.url(), List.of("integration.status_changed"), Map.of("filters",
                List.of(Map.of("eventType", "integration.*", "conditions", Map.of("data.to", List.of("error", "inactive"))))));
        endpoint(email.url(), List.of("email.*"), Map.of());

        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Mailgun",
                "category", "email_service", "provider", "mailgun", "configuration", Map.of("apiKey",
                        TestSecrets.fresh("key-"), "domain", "mg.example.com", "webhookSigningKey",
                        TestSecrets.fresh("mg-signing-"))), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String integration = created.body().get("id").asString();
        Response changed = hub().post("/api/v1/tenants/" + tenant + "/integrations/" + integration + "/status",
                Map.of("status", "maintenance", "reason", "planned"), owner.token());
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> all.accepted().size() == 1 && integrations.accepted().size() == 1);
        JsonNode payload = json.readTree(integrations.accepted().get(0).body());
        assertThat(payload.get("type").asString()).isEqualTo("integration.status_changed");
        assertThat(payload.get("data").get("integrationId").asString()).isEqualTo(integration);
        assertThat(payload.get("data").get("to").asString()).isEqualTo("maintenance");
        assertThat(hub().post("/api/v1/tenants/" + tenant + "/integrations/" + integration + "/status",
                Map.of("status", "inactive"), owner.token()).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> filtered.accepted().size() == 1 && all.accepted().size() == 2);
        assertThat(json.readTree(filtered.accepted().get(0).body()).get("data").get("to").asString()).isEqualTo("inactive");
        assertThat(email.requests()).isEmpty();

        assertThatThrownBy(() -> events.publish(tenant, "webhook.test", Map.of()))
                .isInstanceOf(OutboundEventRefused.class).hasMessageContaining("transaction");
        assertThatThrownBy(() -> transactions.inTenant(tenant, () -> events.publish(tenant, "no.such_type", Map.of())))
                .isInstanceOf(OutboundEventRefused.class).hasMessageContaining("catalogue");
        assertThatThrownBy(() -> transactions.inTenant(tenant, () -> events.publish(tenant, "webhook.test",
                Map.of("blob", "x".repeat(70_000))))).isInstanceOf(OutboundEventRefused.class).hasMessageContaining("limit");
        UUID other = hub().tenantOf(owner, "Other");
        assertThatThrownBy(() -> transactions.inTenant(other, () -> events.publish(tenant, "webhook.test", Map.of())))
                .isInstanceOf(OutboundEventRefused.class);
    }

    @Test
    void aFlakyReceiverGetsEveryMessageExactlyOnceAfterRetries() {
        WebhookReceiver flaky = receiver((r, attempt) -> attempt == 1 ? 500 : attempt == 2 ? 429 : 200);
        Endpoint endpoint = endpoint(flaky.url(), List.of("webhook.*"), fastRetries("0s", "50ms", "50ms", "50ms", "50ms"));
        List<UUID> published = publish("webhook.test", 10);

        await().atMost(WAIT).until(() -> flaky.accepted().size() == 10);
        assertThat(ids(flaky.accepted())).containsExactlyInAnyOrderElementsOf(published.stream()
                .map(OutboundWebhooksIntegrationTests::messageId).toList());
        assertThat(flaky.requests()).hasSizeGreaterThanOrEqualTo(30);
        for (WebhookReceiver.Received r : flaky.requests()) {
            assertThat(WebhookReceiver.verifies(endpoint.secret(), r.id(), r.timestamp(), r.body(), r.signature(),
                    Instant.now())).isTrue();
        }
        await().atMost(WAIT).until(() -> messages(endpoint, "?state=delivered").size() == 10);
        JsonNode message = messages(endpoint, "?limit=1").get(0);
        assertThat(message.get("attempts").asInt()).isEqualTo(3);
        assertThat(message.get("attemptLog").findValuesAsString("error")).contains("HTTP 500", "HTTP 429");
    }

    @Test
    void exhaustedMessagesGoToDeadLetterAndReplayDeliversThem() {
        WebhookReceiver down = receiver((r, attempt) -> 503);
        Endpoint endpoint = endpoint(down.url(), List.of("webhook.test"), fastRetries("0s", "50ms", "50ms"));
        Instant before = Instant.now().minusSeconds(5);
        publish("webhook.test", 3);
        await().atMost(WAIT).until(() -> messages(endpoint, "?state=failed").size() == 3);
        assertThat(down.requests()).hasSize(9);
        JsonNode dead = messages(endpoint, "?state=failed").get(0);
        assertThat(dead.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(dead.get("attemptLog").size()).isEqualTo(3);

        down.answer((r, attempt) -> 200);
        Response replay = hub().post(path() + "/" + endpoint.id() + "/replay", Map.of("since", before.toString()),
                owner.token());
        assertThat(replay.status()).as(replay.raw().body()).isEqualTo(200);
        assertThat(replay.body().get("requeued").asInt()).isEqualTo(3);
        await().atMost(WAIT).until(() -> down.accepted().size() == 3 && messages(endpoint, "?state=delivered").size() == 3);

        // resend one delivered message: same webhook-id, one more request
        String one = messages(endpoint, "").get(0).get("id").asString();
        Response resent = hub().post(path() + "/" + endpoint.id() + "/messages/" + one + "/resend", null, owner.token());
        assertThat(resent.status()).as(resent.raw().body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> down.requests().size() == 13);
        assertThat(ids(down.requests())).hasSize(3);

        // pagination walks every message once
        JsonNode first = hub().get(path() + "/" + endpoint.id() + "/messages?limit=2", owner.token()).body();
        assertThat(first.get("messages").size()).isEqualTo(2);
        JsonNode second = hub().get(path() + "/" + endpoint.id() + "/messages?limit=2&cursor="
                + first.get("nextCursor").asString(), owner.token()).body();
        assertThat(second.get("messages").size()).isEqualTo(1);
        assertThat(second.has("nextCursor")).isFalse();
    }

    /**
     * Publishes {@code count} events one after another and answers each one's latency from the start of
     * its publishing transaction to its first successful receipt by {@code receiver}.
     */
    private List<Duration> latencies(WebhookReceiver receiver, int count) {
        Map<String, Instant> publishedAt = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Instant start = Instant.now();
            publishedAt.put(messageId(publish("webhook.test", 1).get(0)), start);
        }
        await().atMost(WAIT).until(() -> ids(receiver.accepted()).containsAll(publishedAt.keySet()));
        List<Duration> latencies = new ArrayList<>();
        receiver.accepted().stream().filter(r -> publishedAt.containsKey(r.id()))
                .forEach(r -> latencies.add(Duration.between(publishedAt.get(r.id()), r.at())));
        latencies.sort(null);
        return latencies;
    }

    @Test
    void aSlowEndpointDoesNotDelayTheOthers() throws Exception {
        WebhookReceiver fast = receiver((r, attempt) -> 200);
        endpoint(fast.url(), List.of("webhook.test"), Map.of());
        List<Duration> alone = latencies(fast, 20);

        CountDownLatch release = new CountDownLatch(1);
        WebhookReceiver slow = receiver((r, attempt) -> {
            release.await(30, TimeUnit.SECONDS); // far past the hub's 1 s request timeout
            return 200;
        });
        Endpoint held = endpoint(slow.url(), List.of("webhook.test"), fastRetries("0s", "10s"));
        java.util.concurrent.atomic.AtomicLong mostLeased = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (measuring.get()) {
                mostLeased.accumulateAndGet(leased(held), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            List<Duration> beside = latencies(fast, 20);
            measuring.set(false);
            watcher.join();
            assertThat(release.getCount()).isEqualTo(1);
            assertThat(slow.requests()).as("the slow endpoint was being tried meanwhile").isNotEmpty();
            assertThat(slow.accepted()).isEmpty();
            // each attempt at the slow endpoint holds a worker for the whole 1 s timeout; had it taken every
            // worker, the fast endpoint's messages would have queued behind those seconds
            Duration p50Alone = alone.get(alone.size() / 2);
            Duration p50Beside = beside.get(beside.size() / 2);
            Duration maxAlone = alone.get(alone.size() - 1);
            Duration maxBeside = beside.get(beside.size() - 1);
            assertThat(p50Beside).as("p50 beside the slow endpoint (alone: %s)", p50Alone)
                    .isLessThan(p50Alone.plusMillis(500));
            assertThat(maxBeside).as("max beside the slow endpoint (alone: %s)", maxAlone)
                    .isLessThan(maxAlone.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                            ? maxAlone.multipliedBy(2) : Duration.ofSeconds(2));
            // one endpoint never holds more of the hub's workers than its share (the receiver itself sees more:
            // requests the hub gave up on after its timeout stay open on its side)
            assertThat(mostLeased.get()).isBetween(1L, 2L);
        } finally {
            measuring.set(false);
            release.countDown();
        }
    }

    @Test
    void gone410DisablesTheEndpointAndTellsTheOthers() {
        WebhookReceiver gone = receiver((r, attempt) -> 410);
        WebhookReceiver watcher = receiver((r, attempt) -> 200);
        Endpoint dying = endpoint(gone.url(), List.of("webhook.test"), Map.of());
        Endpoint watching = endpoint(watcher.url(), List.of("endpoint.disabled"), Map.of());
        publish("webhook.test", 2);

        await().atMost(WAIT).until(() -> !hub().get(path() + "/" + dying.id(), owner.token()).body().get("enabled").asBoolean());
        JsonNode disabled = hub().get(path() + "/" + dying.id(), owner.token()).body();
        assertThat(disabled.get("disabledReason").asString()).contains("410");
        await().atMost(WAIT).until(() -> watcher.accepted().size() == 1);
        WebhookReceiver.Received notice = watcher.accepted().get(0);
        assertThat(WebhookReceiver.verifies(watching.secret(), notice.id(), notice.timestamp(), notice.body(),
                notice.signature(), Instant.now())).isTrue();
        JsonNode payload = json.readTree(notice.body());
        assertThat(payload.get("type").asString()).isEqualTo("endpoint.disabled");
        assertThat(payload.get("data").get("endpointId").asString()).isEqualTo(dying.id().toString());
        await().atMost(WAIT).until(() -> messages(dying, "?state=failed").size() == 2);
        // at most the two requests that were already in flight when the first 410 came back
        assertThat(gone.requests()).hasSizeBetween(1, 2);
        assertThat(hub().post(path() + "/" + dying.id() + "/test", null, owner.token()).code())
                .isEqualTo("webhook_endpoint_disabled");
        assertThat(disabledEmailsTo(owner.email())).as("the owner is told once")
                .singleElement().asString().contains(dying.id().toString()).contains("410").contains(gone.url());
    }

    /** The endpoint's deliveries a worker holds right now. */
    private static long leased(Endpoint endpoint) {
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement("""
                select count(*) from webhook_delivery_slots where endpoint_id = ? and locked_until > now()""")) {
            ps.setObject(1, endpoint.id());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> disabledEmailsTo(String address) {
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "select body_text from system_emails where kind = 'webhook_endpoint_disabled' and to_address = ?")) {
            ps.setString(1, address);
            List<String> bodies = new java.util.ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
            return bodies;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEndpointFailingForTheWholePeriodIsDisabled() throws Exception {
        WebhookReceiver failing = receiver((r, attempt) -> 500);
        WebhookReceiver watcher = receiver((r, attempt) -> 200);
        Endpoint endpoint = endpoint(failing.url(), List.of("webhook.test"), fastRetries("0s", "1h"));
        endpoint(watcher.url(), List.of("endpoint.*"), Map.of());
        // it has been failing for longer than hub.webhook.outbound.disable-after (5 days) already
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "update webhook_endpoints set failing_since = now() - interval '6 days' where id = ?")) {
            ps.setObject(1, endpoint.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        publish("webhook.test", 1);
        await().atMost(WAIT).until(() -> watcher.accepted().size() == 1);
        JsonNode disabled = hub().get(path() + "/" + endpoint.id(), owner.token()).body();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("disabledReason").asString()).startsWith("no successful delivery since");
        assertThat(messages(endpoint, "").get(0).get("state").asString()).isEqualTo("failed");
        assertThat(json.readTree(watcher.accepted().get(0).body()).get("data").get("failingSince")).isNotNull();
        assertThat(disabledEmailsTo(owner.email())).singleElement().asString().contains("no successful delivery since");

        Response enabled = hub().put(path() + "/" + endpoint.id(), Map.of("url", failing.url(),
                "eventTypes", List.of("webhook.test"), "enabled", true), owner.token());
        assertThat(enabled.body().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.body().has("failingSince")).isFalse();
        assertThat(enabled.body().has("disabledReason")).isFalse();
    }

    @Test
    void duringASecretRotationBothSignaturesAreSent() {
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        Endpoint endpoint = endpoint(receiver.url(), List.of("webhook.test"), Map.of());
        Response rotated = hub().post(path() + "/" + endpoint.id() + "/secret/rotate", Map.of("overlap", "1h"),
                owner.token());
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        String newSecret = TestSecrets.register(rotated.body().get("secret").asString());
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(rotated.body().get("endpoint").get("previousSecretValidUntil")).isNotNull();

        publish("webhook.test", 1);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        WebhookReceiver.Received got = receiver.accepted().get(0);
        assertThat(got.signature().split(" ")).hasSize(2);
        assertThat(WebhookReceiver.verifies(endpoint.secret(), got.id(), got.timestamp(), got.body(), got.signature(),
                Instant.now())).isTrue();
        assertThat(WebhookReceiver.verifies(newSecret, got.id(), got.timestamp(), got.body(), got.signature(),
                Instant.now())).isTrue();

        Response ended = hub().post(path() + "/" + endpoint.id() + "/secret/rotate", Map.of("overlap", "0s"), owner.token());
        String newest = TestSecrets.register(ended.body().get("secret").asString());
        publish("webhook.test", 1);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
        WebhookReceiver.Received after = receiver.accepted().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(WebhookReceiver.verifies(newest, after.id(), after.timestamp(), after.body(), after.signature(),
                Instant.now())).isTrue();
        assertThat(WebhookReceiver.verifies(newSecret, after.id(), after.timestamp(), after.body(), after.signature(),
                Instant.now())).isFalse();

        Response audit = hub().get("/api/v1/tenants/" + tenant + "/audit-log?targetId=" + endpoint.id(), owner.token());
        assertThat(audit.body().get("entries").findValuesAsString("action"))
                .contains("webhook_endpoint.created", "webhook_endpoint.secret_rotated");
        assertThat(audit.raw().body()).doesNotContain(endpoint.secret()).doesNotContain(newSecret).doesNotContain(newest);
    }

    @Test
    void orderedEndpointsGetTheirMessagesStrictlyInOrder() {
        WebhookReceiver receiver = receiver((r, attempt) -> attempt == 1 ? 500 : 200);
        endpoint(receiver.url(), List.of("webhook.test"), Map.of("ordered", true,
                "retryPolicy", Map.of("schedule", List.of("0s", "20ms", "20ms", "20ms"))));
        List<UUID> published = publish("webhook.test", 8);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 8);
        assertThat(receiver.accepted().stream().map(WebhookReceiver.Received::id).toList())
                .containsExactlyElementsOf(published.stream().map(OutboundWebhooksIntegrationTests::messageId).toList());
        assertThat(receiver.requests().stream().map(WebhookReceiver.Received::id).distinct().toList())
                .containsExactlyElementsOf(published.stream().map(OutboundWebhooksIntegrationTests::messageId).toList());
    }

    /**
     * Publishers racing each other: each transaction publishes, then draws a ticket and lingers a random
     * moment before committing. Without the publish lock a later publisher (higher seq) could commit, and
     * be delivered, before an earlier one. With it, each transaction's ticket is drawn while it holds the
     * lock, so ticket order is commit order, and both ordered endpoints must receive exactly that order.
     */
    @Test
    void orderedEndpointsFollowCommitOrderWhenPublishersRace() throws Exception {
        WebhookReceiver first = receiver((r, attempt) -> 200);
        WebhookReceiver second = receiver((r, attempt) -> 200);
        endpoint(first.url(), List.of("webhook.test"), Map.of("ordered", true));
        endpoint(second.url(), List.of("webhook.*"), Map.of("ordered", true));
        WebhookReceiver unordered = receiver((r, attempt) -> 200);
        endpoint(unordered.url(), List.of("webhook.test"), Map.of());
        int publishers = 6;
        int each = 5;
        java.util.concurrent.atomic.AtomicInteger tickets = new java.util.concurrent.atomic.AtomicInteger();
        Map<Integer, String> byTicket = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(publishers);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            running.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    transactions.inTenant(tenant, () -> {
                        UUID id = events.publish(tenant, "webhook.test", Map.of("endpointId", UUID.randomUUID(),
                                "message", "race"));
                        byTicket.put(tickets.incrementAndGet(), messageId(id));
                        try {
                            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 25));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return id;
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> publisher : running) {
            publisher.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        int total = publishers * each;
        assertThat(byTicket).hasSize(total);

        await().atMost(WAIT).until(() -> first.accepted().size() == total && second.accepted().size() == total
                && unordered.accepted().size() == total);
        List<String> commitOrder = List.copyOf(byTicket.values());
        assertThat(first.accepted().stream().map(WebhookReceiver.Received::id).toList()).isEqualTo(commitOrder);
        assertThat(second.accepted().stream().map(WebhookReceiver.Received::id).toList()).isEqualTo(commitOrder);
        assertThat(first.requests()).hasSize(total);
    }

    @Test
    void forbiddenAddressesAreRefusedWhenSetAndAtDeliveryTime() throws Exception {
        for (String url : List.of("http://10.0.0.8/hooks", "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:192.168.0.1]/", "http://100.64.0.1/", "http://[fd00:ec2::254]/", "ftp://example.com/")) {
            Response refused = hub().post(path(), Map.of("url", url, "eventTypes", List.of("*")), owner.token());
            assertThat(refused.code()).as(url).isEqualTo("validation_failed");
            assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("url");
        }
        // an endpoint whose address became forbidden after it was saved is refused at delivery time
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        Endpoint endpoint = endpoint(receiver.url(), List.of("webhook.test"), fastRetries("0s"));
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "update webhook_endpoints set url = 'http://169.254.169.254/latest/meta-data/' where id = ?")) {
            ps.setObject(1, endpoint.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        publish("webhook.test", 1);
        await().atMost(WAIT).until(() -> messages(endpoint, "?state=failed").size() == 1);
        assertThat(messages(endpoint, "").get(0).get("lastError").asString()).contains("address refused", "link-local");
    }

    @Test
    void scopesAndRolesAreEnforcedAndTheCatalogueIsServed() {
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        ApiKey reader = hub().apiKey(owner, tenant, "webhooks:read");
        ApiKey writer = hub().apiKey(owner, tenant, "webhooks:write");
        Map<String, Object> body = Map.of("url", receiver.url(), "eventTypes", List.of("email.*"));
        assertThat(hub().post(path(), body, reader.key()).code()).isEqualTo("insufficient_scope");
        Response created = hub().post(path(), body, writer.key());
        assertThat(created.status()).isEqualTo(201);
        TestSecrets.register(created.body().get("secret").asString());
        String id = created.body().get("endpoint").get("id").asString();
        assertThat(hub().get(path(), reader.key()).body().get("endpoints").size()).isEqualTo(1);
        assertThat(hub().get(path(), writer.key()).code()).isEqualTo("insufficient_scope");
        assertThat(hub().delete(path() + "/" + id, reader.key()).code()).isEqualTo("insufficient_scope");

        SignedInUser viewer = hub().signedInUser("Viewer");
        hub().addMember(owner, tenant, viewer, "viewer");
        assertThat(hub().post(path(), body, viewer.token()).code()).isEqualTo("insufficient_role");
        assertThat(hub().get(path() + "/" + id, viewer.token()).status()).isEqualTo(200);
        SignedInUser outsider = hub().signedInUser("Outsider");
        assertThat(hub().get(path() + "/" + id, outsider.token()).code()).isEqualTo("tenant_not_found");

        Response update = hub().put(path() + "/" + id, Map.of("url", receiver.url(), "eventTypes", List.of("*"),
                "enabled", false), owner.token());
        assertThat(update.status()).as(update.raw().body()).isEqualTo(200);
        assertThat(update.body().get("enabled").asBoolean()).isFalse();
        assertThat(hub().post(path(), Map.of("url", receiver.url(), "eventTypes", List.of("Bad Type")), owner.token())
                .code()).isEqualTo("validation_failed");
        assertThat(hub().post(path(), Map.of("url", receiver.url(), "eventTypes", List.of("*"),
                "headers", Map.of("webhook-signature", "forged")), owner.token()).code()).isEqualTo("validation_failed");
        assertThat(hub().delete(path() + "/" + id, writer.key()).status()).isEqualTo(204);
        assertThat(hub().get(path() + "/" + id, owner.token()).code()).isEqualTo("webhook_endpoint_not_found");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/audit-log?targetId=" + id, owner.token()).body()
                .get("entries").findValuesAsString("action"))
                .contains("webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.deleted");

        Response catalogue = hub().get("/api/v1/webhook-event-types", owner.token());
        assertThat(catalogue.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        catalogue.body().get("eventTypes").forEach(type -> types.add(type.get("type").asString()));
        assertThat(types)
                .contains("endpoint.disabled", "webhook.test", "integration.status_changed");
        assertThat(catalogue.body().get("eventTypes").get(0).get("dataSchema").get("type").asString()).isEqualTo("object");
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/webhook-event-types", reader.key()).status()).isEqualTo(200);
    }
}
