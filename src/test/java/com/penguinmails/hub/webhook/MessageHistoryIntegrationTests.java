package com.penguinmails.hub.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;

import static com.penguinmails.hub.webhook.OutboundTenant.retries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a tenant sees of its messages: filters, cursor pages, each message's attempts, and replay since a time. */
class MessageHistoryIntegrationTests extends OutboundTenantTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Override
    String tenantName() {
        return "History";
    }

    private static String at(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode messages) {
        List<String> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(m.get("id").asString()));
        return ids;
    }

    /** Walks every page of {@code query}; answers the messages in the order served. */
    private List<JsonNode> allPages(OutboundTenant.Endpoint endpoint, String query, int expectedPages) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = tenant.read(tenant.messages(endpoint) + query + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("messages").forEach(all::add);
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).as(query).isEqualTo(expectedPages);
        return all;
    }

    @Test
    void theMessageIdTheTestEndpointHandsOutNamesTheMessageInEveryMessagePath() {
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        OutboundTenant.Endpoint endpoint = tenant.endpoint(receiver.url(), List.of("integration.status_changed"), Map.of());
        Response test = hub().post(tenant.endpoints() + "/" + endpoint.id() + "/test", Map.of(), tenant.owner.token());
        assertThat(test.status()).as(test.raw().body()).isEqualTo(202);
        String messageId = test.body().get("messageId").asString();
        assertThat(messageId).isEqualTo(OutboundTenant.webhookId(UUID.fromString(test.body().get("eventId").asString())));
        await().atMost(WAIT).until(() -> tenant.messages(endpoint, "?state=delivered").size() == 1);

        JsonNode message = tenant.read(tenant.messages(endpoint) + "/" + messageId);
        assertThat(message.get("messageId").asString()).as("the listing's messageId is the one handed out")
                .isEqualTo(messageId);
        assertThat(message.get("eventType").asString()).isEqualTo("webhook.test");
        assertThat(tenant.messages(endpoint, "").get(0).get("messageId").asString()).isEqualTo(messageId);
        assertThat(tenant.read(tenant.messages(endpoint) + "/" + messageId + "/attempts").get("attempts").size())
                .isEqualTo(1);
        // the delivery id the listing also shows names it too
        assertThat(tenant.read(tenant.messages(endpoint) + "/" + message.get("id").asString()).get("messageId")
                .asString()).isEqualTo(messageId);

        Response resent = hub().post(tenant.messages(endpoint) + "/" + messageId + "/resend", Map.of(), tenant.owner.token());
        assertThat(resent.status()).as(resent.raw().body()).isEqualTo(200);
        assertThat(resent.body().get("messageId").asString()).isEqualTo(messageId);
        await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.accepted()).allSatisfy(r -> assertThat(r.id()).isEqualTo(messageId));

        Response unknown = hub().get(tenant.messages(endpoint) + "/" + OutboundTenant.webhookId(UUID.randomUUID()),
                tenant.owner.token());
        assertThat(unknown.status()).isEqualTo(404);
        Response malformed = hub().get(tenant.messages(endpoint) + "/msg_nothex", tenant.owner.token());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("errors").get(0).get("field").asString()).isEqualTo("messageId");
    }

    @Test
    void replaySendsAgainOnlyTheFailedMessagesCreatedSinceTheGivenTime() throws Exception {
        WebhookReceiver down = receiver((r, attempt) -> 503);
        OutboundTenant.Endpoint endpoint = tenant.endpoint(down.url(), List.of("webhook.test"), retries("0s"));
        tenant.publish("webhook.test", 5);
        await().atMost(WAIT).until(() -> tenant.messages(endpoint, "?state=failed").size() == 5);

        // the two oldest failed two hours ago, the three others now
        JsonNode failed = tenant.messages(endpoint, "?state=failed");
        List<String> old = List.of(failed.get(3).get("id").asString(), failed.get(4).get("id").asString());
        OutboundTenant.backdate(old, 2);
        Set<String> recentWebhookIds = new HashSet<>();
        failed.forEach(m -> {
            if (!old.contains(m.get("id").asString())) {
                recentWebhookIds.add(m.get("messageId").asString());
            }
        });
        assertThat(recentWebhookIds).hasSize(3);

        down.answer((r, attempt) -> 200);
        Response replay = hub().post(tenant.endpoints() + "/" + endpoint.id() + "/replay",
                Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString()), tenant.owner.token());
        assertThat(replay.status()).as(replay.raw().body()).isEqualTo(200);
        assertThat(replay.body().get("requeued").asInt()).isEqualTo(3);
        await().atMost(WAIT).until(() -> tenant.messages(endpoint, "?state=delivered").size() == 3);

        Set<String> accepted = new HashSet<>();
        down.accepted().forEach(r -> accepted.add(r.id()));
        assertThat(accepted).isEqualTo(recentWebhookIds);
        assertThat(down.requests()).hasSize(5 + 3);
        for (String id : old) {
            JsonNode message = tenant.read(tenant.messages(endpoint) + "/" + id);
            assertThat(message.get("state").asString()).isEqualTo("failed");
            assertThat(message.get("attempts").asInt()).isEqualTo(1);
            assertThat(message.get("attemptLog").size()).isEqualTo(1);
        }
        // a replay since without a time is refused and changes nothing
        assertThat(hub().post(tenant.endpoints() + "/" + endpoint.id() + "/replay", Map.of(), tenant.owner.token())
                .code()).isEqualTo("validation_failed");
    }

    @Test
    void messagesFilterByEventTypeAndSinceAndPageThroughTheFilteredSetWithACursor() throws Exception {
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        OutboundTenant.Endpoint endpoint = tenant.endpoint(receiver.url(), List.of("*"), Map.of());
        tenant.publish("webhook.test", 5);
        tenant.publish("integration.status_changed", 4);
        await().atMost(WAIT).until(() -> tenant.messages(endpoint, "?state=delivered").size() == 9);

        JsonNode all = tenant.messages(endpoint, "");
        List<String> oldTests = new ArrayList<>();
        List<String> oldStatus = new ArrayList<>();
        for (JsonNode m : all) {
            String type = m.get("eventType").asString();
            if (type.equals("webhook.test") && oldTests.size() < 2) {
                oldTests.add(m.get("id").asString());
            } else if (type.equals("integration.status_changed") && oldStatus.isEmpty()) {
                oldStatus.add(m.get("id").asString());
            }
        }
        OutboundTenant.backdate(oldTests, 3);
        OutboundTenant.backdate(oldStatus, 3);
        Instant since = Instant.now().minus(Duration.ofHours(1));

        // type only, in pages of 2: 5 tests in 3 pages, newest first, each once
        List<JsonNode> tests = allPages(endpoint, "?eventType=webhook.test&limit=2", 3);
        assertThat(tests).hasSize(5).allSatisfy(m -> assertThat(m.get("eventType").asString()).isEqualTo("webhook.test"));
        assertThat(new HashSet<>(ids(json.valueToTree(tests)))).hasSize(5);

        // type and since, in pages of 2: the 3 recent tests in 2 pages
        List<JsonNode> recentTests = allPages(endpoint, "?eventType=webhook.test&since=" + at(since) + "&limit=2", 2);
        assertThat(recentTests).hasSize(3).allSatisfy(m -> {
            assertThat(m.get("eventType").asString()).isEqualTo("webhook.test");
            assertThat(Instant.parse(m.get("createdAt").asString())).isAfterOrEqualTo(since);
            assertThat(oldTests).doesNotContain(m.get("id").asString());
        });
        for (int i = 1; i < recentTests.size(); i++) {
            assertThat(Instant.parse(recentTests.get(i).get("createdAt").asString()))
                    .isBeforeOrEqualTo(Instant.parse(recentTests.get(i - 1).get("createdAt").asString()));
        }

        // since only: 6 recent of either type, in pages of 4; with the state filter as well
        assertThat(allPages(endpoint, "?since=" + at(since) + "&limit=4", 2)).hasSize(6);
        assertThat(allPages(endpoint, "?eventType=integration.status_changed&state=delivered&since=" + at(since)
                + "&limit=1", 3)).hasSize(3)
                .allSatisfy(m -> assertThat(oldStatus).doesNotContain(m.get("id").asString()));
        assertThat(tenant.messages(endpoint, "?eventType=integration.status_changed&state=failed")).isEmpty();
        assertThat(tenant.messages(endpoint, "?since=" + at(Instant.now().plusSeconds(60)))).isEmpty();

        // bad filters are refused with their codes
        String base = tenant.messages(endpoint);
        assertThat(hub().get(base + "?eventType=Not%20A%20Type", tenant.owner.token()).code()).isEqualTo("validation_failed");
        assertThat(hub().get(base + "?since=yesterday", tenant.owner.token()).code()).isEqualTo("invalid_parameter");
        assertThat(hub().get(base + "?limit=0", tenant.owner.token()).code()).isEqualTo("validation_failed");
        assertThat(hub().get(base + "?cursor=bm9wZQ", tenant.owner.token()).code()).isEqualTo("invalid_cursor");
    }

    @Test
    void aMessagesAttemptsAreListedNewestFirstInCursorPages() {
        WebhookReceiver flaky = receiver((r, attempt) -> attempt < 5 ? 500 : 200);
        OutboundTenant.Endpoint endpoint = tenant.endpoint(flaky.url(), List.of("webhook.test"),
                retries("0s", "20ms", "20ms", "20ms", "20ms", "20ms"));
        OutboundTenant.Endpoint other = tenant.endpoint(flaky.url(), List.of("integration.*"), Map.of());
        tenant.publish("webhook.test", 1);
        await().atMost(WAIT).until(() -> tenant.messages(endpoint, "?state=delivered").size() == 1);
        String message = tenant.messages(endpoint, "").get(0).get("id").asString();
        String attempts = tenant.messages(endpoint) + "/" + message + "/attempts";

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = tenant.read(attempts + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("attempts").size()).isBetween(1, 2);
            page.get("attempts").forEach(seen::add);
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5);
        assertThat(new HashSet<>(ids(json.valueToTree(seen)))).hasSize(5);
        assertThat(seen.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(seen.subList(1, 5)).allSatisfy(a -> {
            assertThat(a.get("status").asInt()).isEqualTo(500);
            assertThat(a.get("error").asString()).isEqualTo("HTTP 500");
        });
        for (int i = 1; i < seen.size(); i++) {
            assertThat(Instant.parse(seen.get(i).get("attemptedAt").asString()))
                    .isBeforeOrEqualTo(Instant.parse(seen.get(i - 1).get("attemptedAt").asString()));
        }
        // the same attempts as the message's own log, in reverse
        JsonNode log = tenant.read(tenant.messages(endpoint) + "/" + message).get("attemptLog");
        List<String> logIds = ids(log);
        java.util.Collections.reverse(logIds);
        assertThat(ids(json.valueToTree(seen))).isEqualTo(logIds);

        assertThat(tenant.read(attempts).get("attempts").size()).isEqualTo(5);
        assertThat(hub().get(attempts + "?cursor=bm9wZQ", tenant.owner.token()).code()).isEqualTo("invalid_cursor");
        assertThat(hub().get(attempts + "?limit=500", tenant.owner.token()).code()).isEqualTo("validation_failed");
        assertThat(hub().get(tenant.messages(endpoint) + "/" + UUID.randomUUID() + "/attempts", tenant.owner.token())
                .code()).isEqualTo("webhook_message_not_found");
        assertThat(hub().get(tenant.messages(other) + "/" + message + "/attempts", tenant.owner.token()).code())
                .isEqualTo("webhook_message_not_found");
        assertThat(hub().get(tenant.endpoints() + "/" + UUID.randomUUID() + "/messages/" + message + "/attempts",
                tenant.owner.token()).code()).isEqualTo("webhook_endpoint_not_found");
        OutboundTenant stranger = new OutboundTenant(hub(), events, transactions, "Stranger");
        assertThat(hub().get(attempts, stranger.owner.token()).code()).isEqualTo("tenant_not_found");
    }
}
