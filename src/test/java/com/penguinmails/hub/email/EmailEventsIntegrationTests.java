package com.penguinmails.hub.email;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery events from both providers, signed in the test, applied to the messages the hub sent:
 * late, duplicate and out-of-order events, suppression, metrics, platform routing.
 */
class EmailEventsIntegrationTests extends HubIntegrationTest {

    /** When the provider says each event happened: fixed, so a resent event is the very same event. */
    private static final long EVENT_TIME = 1_764_000_000L;

    private final WireMockServer stubs = ProviderStubs.server();
    private EmailFixtures f;
    private UUID mailgun;

    @BeforeEach
    void aSentMessage() {
        f = new EmailFixtures(hub());
        stubs.stubFor(post(urlEqualTo("/v3/" + f.domain + "/messages")).withHost(equalTo("localhost"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"<m-" + f.tenant + "@" + f.domain + ">\"}")));
        mailgun = f.mailgun("US");
        f.defaults(mailgun, null);
    }

    private UUID sentMessage(String to, String campaign) {
        Map<String, Object> body = f.message(to);
        body.put("campaignId", campaign);
        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(id).get("status").asString()));
        return id;
    }

    private JsonNode message(UUID id) {
        return hub().get(f.base() + "/emails/" + id, f.owner.token()).body();
    }

    private String recipientStatus(UUID id) {
        return message(id).get("recipients").get(0).get("status").asString();
    }

    private Response mailgunEvent(String path, String key, UUID tenant, UUID message, String event, String severity,
                                  String eventId, String token) {
        long now = Instant.now().getEpochSecond();
        String signature = HexFormat.of().formatHex(hmac(key, (now + token).getBytes(StandardCharsets.UTF_8)));
        String body = """
                {"signature":{"timestamp":"%d","token":"%s","signature":"%s"},
                 "event-data":{"event":"%s","id":"%s","timestamp":%d.5,"recipient":"Ada@Example.com","severity":"%s",
                   "reason":"bounce","delivery-status":{"code":550,"message":"mailbox unavailable"},
                   "message":{"headers":{"message-id":"m-%s@%s"}},
                   "user-variables":{"hub_message_id":"%s","hub_tenant_id":"%s"}}}"""
                .formatted(now, token, signature, event, eventId, EVENT_TIME, severity, tenant, f.domain, message, tenant);
        return hub().send("POST", path, body, null, "application/json", Map.of());
    }

    private Response mailgunEvent(UUID message, String event, String severity, String eventId) {
        return mailgunEvent("/api/webhooks/mailgun/" + mailgun, f.signingKey, f.tenant, message, event, severity,
                eventId, "tok-" + UUID.randomUUID());
    }

    private void awaitProcessed() {
        await().atMost(Duration.ofSeconds(15)).until(() -> hub().get(f.base() + "/webhook-inbox?state=pending",
                f.owner.token()).body().get("events").isEmpty());
    }

    @Test
    void aHardBounceWinsOverALateDeliveryAndSuppressesTheAddress() {
        String campaign = "c-" + UUID.randomUUID();
        UUID id = sentMessage("ada@example.com", campaign);

        assertThat(mailgunEvent(id, "failed", "temporary", "e1").status()).isEqualTo(200);
        awaitProcessed();
        assertThat(recipientStatus(id)).isEqualTo("deferred");

        mailgunEvent(id, "failed", "permanent", "e2");
        awaitProcessed();
        assertThat(recipientStatus(id)).isEqualTo("bounced");

        mailgunEvent(id, "delivered", "", "e3"); // arrives late: must not overwrite the bounce
        awaitProcessed();
        assertThat(recipientStatus(id)).isEqualTo("bounced");

        JsonNode history = message(id).get("events");
        assertThat(history.findValuesAsString("type")).containsExactlyInAnyOrder("deferred", "bounced", "delivered");
        assertThat(history.findValuesAsString("bounceKind")).containsExactly("hard");
        assertThat(message(id).get("status").asString()).as("the message mirrors its one recipient").isEqualTo("bounced");
        assertThat(hub().get(f.base() + "/suppressions?q=ada@example.com", f.owner.token()).body().get("suppressions").get(0)
                .get("reason").asString()).isEqualTo("hard_bounce");
        Response refused = hub().post(f.base() + "/emails", f.message("ada@example.com"), f.owner.token());
        assertThat(refused.code()).isEqualTo("recipient_suppressed");

        JsonNode metrics = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
        assertThat(metrics.get("sent").asLong()).isEqualTo(1);
        assertThat(metrics.get("bounced").asLong()).isEqualTo(1);
        assertThat(metrics.get("deferred").asLong()).as("the recipient is no longer deferred").isZero();
        assertThat(metrics.get("delivered").asLong()).isZero();
    }

    @Test
    void duplicatesChangeNothingAndEngagementCountsTotalAndUnique() {
        String campaign = "c-" + UUID.randomUUID();
        UUID id = sentMessage("ada@example.com", campaign);
        mailgunEvent(id, "delivered", "", "d1");
        mailgunEvent(id, "opened", "", "o1");
        mailgunEvent(id, "opened", "", "o2");
        mailgunEvent(id, "clicked", "", "k1");
        awaitProcessed();
        // the same event again, as a provider retry would send it (same id and timestamp, new token)
        Response again = mailgunEvent(id, "opened", "", "o2");
        assertThat(again.status()).isEqualTo(200);
        awaitProcessed();

        assertThat(recipientStatus(id)).isEqualTo("delivered");
        JsonNode metrics = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
        assertThat(metrics.get("delivered").asLong()).isEqualTo(1);
        assertThat(metrics.get("opens").asLong()).isEqualTo(2);
        assertThat(metrics.get("uniqueOpens").asLong()).isEqualTo(1);
        assertThat(metrics.get("clicks").asLong()).isEqualTo(1);
        assertThat(metrics.get("rates").get("uniqueOpens").asDouble()).isEqualTo(1.0);
        assertThat(message(id).get("events").size()).isEqualTo(4);

        mailgunEvent(id, "complained", "", "c1");
        awaitProcessed();
        assertThat(hub().get(f.base() + "/suppressions?q=ada", f.owner.token()).body().get("suppressions").get(0).get("reason").asString())
                .isEqualTo("complaint");
    }

    @Test
    void aSentCampaignAndItsOpensReachProductAnalytics() {
        String campaign = "c-" + UUID.randomUUID();
        UUID id = sentMessage("ada@example.com", campaign);
        await().atMost(Duration.ofSeconds(15)).until(() -> com.penguinmails.hub.testkit.FakePostHog
                .batchesMentioning(campaign).stream().anyMatch(b -> b.getBodyAsString().contains("campaign_sent")));
        JsonNode sent = analyticsEvent(campaign, "campaign_sent");
        assertThat(sent.get("properties").get("recipient_count").asInt()).isEqualTo(1);
        assertThat(sent.get("properties").get("provider").asString()).isEqualTo("mailgun");

        mailgunEvent(id, "delivered", "", "d-a");
        mailgunEvent(id, "opened", "", "o-a");
        awaitProcessed();
        await().atMost(Duration.ofSeconds(15)).until(() -> com.penguinmails.hub.testkit.FakePostHog
                .batchesMentioning(campaign).stream().anyMatch(b -> b.getBodyAsString().contains("campaign_opened")));
        assertThat(analyticsEvent(campaign, "campaign_opened").get("properties").get("campaign_id").asString())
                .isEqualTo(campaign);
        // a delivery event is no product-analytics event
        assertThat(com.penguinmails.hub.testkit.FakePostHog.batchesMentioning(campaign).stream()
                .map(b -> b.getBodyAsString()).filter(b -> b.contains("delivered")).toList()).isEmpty();
    }

    private JsonNode analyticsEvent(String campaign, String name) {
        for (var batch : com.penguinmails.hub.testkit.FakePostHog.batchesMentioning(campaign)) {
            for (JsonNode event : json.readTree(batch.getBodyAsString()).get("batch")) {
                if (name.equals(event.get("event").asString())
                        && campaign.equals(event.get("properties").path("campaign_id").asString())) {
                    return event;
                }
            }
        }
        throw new AssertionError("no " + name + " event for " + campaign);
    }

    @Test
    void aReusedMailgunTokenCannotCarryAnotherEvent() {
        UUID id = sentMessage("ada@example.com", "c-" + UUID.randomUUID());
        String token = "tok-" + UUID.randomUUID();
        String path = "/api/webhooks/mailgun/" + mailgun;
        assertThat(mailgunEvent(path, f.signingKey, f.tenant, id, "delivered", "", "t1", token).status()).isEqualTo(200);
        assertThat(mailgunEvent(path, f.signingKey, f.tenant, id, "delivered", "", "t1", token).body().get("status")
                .asString()).as("the same event again is a duplicate").isEqualTo("duplicate");
        assertThat(mailgunEvent(path, f.signingKey, f.tenant, id, "unsubscribed", "", "t2", token).status())
                .as("the token glued to another event").isEqualTo(401);
    }

    @Test
    void eventsOfThePlatformAccountAreRoutedToTheirTenant() {
        UUID id = sentMessage("ada@example.com", "c-" + UUID.randomUUID());
        com.penguinmails.hub.testkit.TestSecrets.register(PLATFORM_MAILGUN_KEY);
        Response accepted = mailgunEvent("/api/webhooks/mailgun", PLATFORM_MAILGUN_KEY, f.tenant, id, "delivered", "",
                "p1-" + UUID.randomUUID(), "tok-" + UUID.randomUUID());
        assertThat(accepted.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(recipientStatus(id)));
        assertThat(hub().get(f.base() + "/webhook-inbox?provider=mailgun", f.owner.token()).body().get("events")
                .get(0).get("state").asString()).isEqualTo("done");
    }

    @Test
    void sendGridBatchesAreAppliedPerEventAndMatchedByMessageId() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String sgMessageId = "sg" + UUID.randomUUID().toString().replace("-", "");
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", sgMessageId)));
        UUID sendGrid = f.sendGrid(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        f.defaults(sendGrid, null);
        String campaign = "c-" + UUID.randomUUID();
        UUID id = sentMessage("ada@example.com", campaign);

        // matched by SendGrid's own message id (no custom args echoed), out of order, with a duplicate
        String batch = ("[{\"email\":\"ada@example.com\",\"event\":\"open\",\"sg_event_id\":\"ev-open\",\"timestamp\":%d,"
                + "\"sg_message_id\":\"%s.filter0001\"},\r\n"
                + "{\"email\":\"ada@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"ev-del\",\"timestamp\":%d,"
                + "\"sg_message_id\":\"%s.filter0001\"},\r\n"
                + "{\"email\":\"ada@example.com\",\"event\":\"unsubscribe\",\"sg_event_id\":\"ev-unsub\",\"timestamp\":%d,"
                + "\"sg_message_id\":\"%s.filter0001\"},\r\n"
                + "{\"email\":\"ada@example.com\",\"event\":\"processed\",\"sg_event_id\":\"ev-proc\",\"timestamp\":%d}]\r\n")
                .formatted(1_700_000_002L, sgMessageId, 1_700_000_001L, sgMessageId, 1_700_000_003L, sgMessageId, 1_700_000_000L);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update((timestamp + batch).getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("X-Twilio-Email-Event-Webhook-Timestamp", timestamp,
                "X-Twilio-Email-Event-Webhook-Signature", Base64.getEncoder().encodeToString(signer.sign()));
        String path = "/api/webhooks/sendgrid/" + sendGrid;
        assertThat(hub().send("POST", path, batch, null, "application/json", headers).body().get("stored").asInt())
                .isEqualTo(4);
        assertThat(hub().send("POST", path, batch, null, "application/json", headers).body().get("status").asString())
                .isEqualTo("duplicate");
        awaitProcessed();

        JsonNode recipient = message(id).get("recipients").get(0);
        assertThat(recipient.get("status").asString()).isEqualTo("delivered");
        assertThat(recipient.get("openedAt")).isNotNull();
        assertThat(recipient.get("unsubscribedAt")).isNotNull();
        assertThat(hub().get(f.base() + "/suppressions?q=ada", f.owner.token()).body().get("suppressions").get(0).get("reason").asString())
                .isEqualTo("unsubscribe");
        assertThat(hub().get(f.base() + "/webhook-inbox?state=ignored", f.owner.token()).body().get("events").get(0)
                .get("type").asString()).as("processed is not a delivery event").isEqualTo("processed");
        JsonNode metrics = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
        assertThat(metrics.get("unsubscribed").asLong()).isEqualTo(1);
        assertThat(metrics.get("uniqueOpens").asLong()).isEqualTo(1);
    }

    @Test
    void sendGridBlocksAreSoftBouncesThatSuppressNothingAndDeferralsReachTheTenantAsDeferred() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String sgMessageId = "sg" + UUID.randomUUID().toString().replace("-", "");
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", sgMessageId)));
        UUID sendGrid = f.sendGrid(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        f.defaults(sendGrid, null);
        try (com.penguinmails.hub.webhook.WebhookReceiver receiver = com.penguinmails.hub.webhook.WebhookReceiver.answering(200)) {
            Response endpoint = hub().post(f.base() + "/webhook-endpoints", Map.of("url", receiver.url(),
                    "eventTypes", List.of("email.deferred", "email.bounced")), f.owner.token());
            assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
            com.penguinmails.hub.testkit.TestSecrets.register(endpoint.body().get("secret").asString());
            String campaign = "c-" + UUID.randomUUID();
            UUID id = sentMessage("ada@example.com", campaign);

            String batch = ("[{\"email\":\"ada@example.com\",\"event\":\"deferred\",\"sg_event_id\":\"ev-def\","
                    + "\"timestamp\":%d,\"response\":\"421 try later\",\"attempt\":\"1\",\"sg_message_id\":\"%s.filter0001\"},\r\n"
                    + "{\"email\":\"ada@example.com\",\"event\":\"bounce\",\"type\":\"blocked\",\"sg_event_id\":\"ev-blk\","
                    + "\"timestamp\":%d,\"reason\":\"550 IP blocklisted\",\"sg_message_id\":\"%s.filter0001\"}]\r\n")
                    .formatted(1_700_000_001L, sgMessageId, 1_700_000_002L, sgMessageId);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update((timestamp + batch).getBytes(StandardCharsets.UTF_8));
            assertThat(hub().send("POST", "/api/webhooks/sendgrid/" + sendGrid, batch, null, "application/json",
                    Map.of("X-Twilio-Email-Event-Webhook-Timestamp", timestamp, "X-Twilio-Email-Event-Webhook-Signature",
                            Base64.getEncoder().encodeToString(signer.sign()))).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 2);

            List<JsonNode> payloads = receiver.accepted().stream().map(r -> json.readTree(r.body())).toList();
            assertThat(payloads.stream().map(p -> p.get("type").asString()))
                    .containsExactlyInAnyOrder("email.deferred", "email.bounced");
            JsonNode bounced = payloads.stream().filter(p -> p.get("type").asString().equals("email.bounced"))
                    .findFirst().orElseThrow().get("data");
            assertThat(bounced.get("bounceKind").asString()).isEqualTo("soft");
            assertThat(bounced.get("provider").asString()).isEqualTo("sendgrid");
            assertThat(recipientStatus(id)).isEqualTo("bounced");
            assertThat(message(id).get("status").asString()).isEqualTo("bounced");
            assertThat(hub().get(f.base() + "/suppressions?q=ada@example.com", f.owner.token()).body().get("suppressions"))
                    .as("a block says nothing lasting about the address").isEmpty();
            JsonNode metrics = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
            assertThat(metrics.get("bounced").asLong()).isEqualTo(1);
            assertThat(metrics.get("deferred").asLong()).isZero();
        }
    }

    @Test
    void sendsAndDeliveryEventsReachTheTenantsWebhookEndpoints() {
        try (com.penguinmails.hub.webhook.WebhookReceiver receiver = com.penguinmails.hub.webhook.WebhookReceiver.answering(200)) {
            Response endpoint = hub().post(f.base() + "/webhook-endpoints", Map.of("url", receiver.url(),
                    "eventTypes", java.util.List.of("email.*")), f.owner.token());
            assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
            com.penguinmails.hub.testkit.TestSecrets.register(endpoint.body().get("secret").asString());

            UUID id = sentMessage("ada@example.com", "c-" + UUID.randomUUID());
            mailgunEvent(id, "delivered", "", "wd1");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 2);
            java.util.List<JsonNode> payloads = receiver.accepted().stream().map(r -> json.readTree(r.body())).toList();
            assertThat(payloads.stream().map(p -> p.get("type").asString()))
                    .containsExactlyInAnyOrder("email.sent", "email.delivered");
            JsonNode delivered = payloads.stream().filter(p -> p.get("type").asString().equals("email.delivered"))
                    .findFirst().orElseThrow().get("data");
            assertThat(delivered.get("messageId").asString()).isEqualTo(id.toString());
            assertThat(delivered.get("status").asString()).isEqualTo("delivered");
            assertThat(delivered.get("recipient").asString()).isEqualTo("ada@example.com");
        }
    }

    /** A Mailgun event for {@code recipient} carrying exactly the given user-variables and message-id. */
    private Response mailgunEvent(String recipient, String event, String severity, String eventId, String messageId,
                                  String userVariables) {
        long now = Instant.now().getEpochSecond();
        String token = "tok-" + UUID.randomUUID();
        String signature = HexFormat.of().formatHex(hmac(f.signingKey, (now + token).getBytes(StandardCharsets.UTF_8)));
        String body = """
                {"signature":{"timestamp":"%d","token":"%s","signature":"%s"},
                 "event-data":{"event":"%s","id":"%s","timestamp":%d.5,"recipient":"%s","severity":"%s",
                   "reason":"generic","delivery-status":{"code":451,"message":"try again later"},
                   "message":{"headers":{"message-id":"%s"}},
                   "user-variables":%s}}"""
                .formatted(now, token, signature, event, eventId, EVENT_TIME, recipient, severity, messageId, userVariables);
        Response response = hub().send("POST", "/api/webhooks/mailgun/" + mailgun, body, null, "application/json", Map.of());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response;
    }

    private Response mailgunEvent(UUID message, String recipient, String event, String severity, String eventId) {
        return mailgunEvent(recipient, event, severity, eventId, "m-" + f.tenant + "@" + f.domain,
                "{\"hub_message_id\":\"%s\",\"hub_tenant_id\":\"%s\"}".formatted(message, f.tenant));
    }

    private UUID sentMessage(List<String> to, String campaign) {
        Map<String, Object> body = f.message(to.get(0));
        body.put("to", to);
        body.put("campaignId", campaign);
        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(id).get("status").asString()));
        return id;
    }

    private String statusOf(UUID id, String address) {
        for (JsonNode r : message(id).get("recipients")) {
            if (address.equals(r.get("address").asString())) {
                return r.get("status").asString();
            }
        }
        throw new AssertionError(address + " is no recipient of " + id);
    }

    @Test
    void aMessageShowsItsMostAdvancedRecipientAndNeverMovesBack() {
        UUID id = sentMessage(List.of("ada@example.com", "grace@example.com"), "c-" + UUID.randomUUID());
        assertThat(message(id).hasNonNull("statusAt")).isTrue();

        mailgunEvent(id, "grace@example.com", "failed", "temporary", "m1");
        awaitProcessed();
        assertThat(message(id).get("status").asString()).isEqualTo("deferred");

        mailgunEvent(id, "ada@example.com", "delivered", "", "m2");
        awaitProcessed();
        assertThat(message(id).get("status").asString()).isEqualTo("delivered");

        mailgunEvent(id, "grace@example.com", "failed", "permanent", "m3");
        awaitProcessed();
        assertThat(statusOf(id, "grace@example.com")).isEqualTo("bounced");
        assertThat(message(id).get("status").asString()).isEqualTo("bounced");

        // late and out of order: a delivery for the bounced recipient, a deferral for the delivered one
        mailgunEvent(id, "grace@example.com", "delivered", "", "m4");
        mailgunEvent(id, "ada@example.com", "failed", "temporary", "m5");
        awaitProcessed();
        assertThat(statusOf(id, "grace@example.com")).isEqualTo("bounced");
        assertThat(statusOf(id, "ada@example.com")).isEqualTo("delivered");
        assertThat(message(id).get("status").asString()).isEqualTo("bounced");
    }

    @Test
    void temporaryFailuresReachTheTenantAsDeferredAndHardBouncesAsBounced() {
        try (com.penguinmails.hub.webhook.WebhookReceiver receiver = com.penguinmails.hub.webhook.WebhookReceiver.answering(200)) {
            Response endpoint = hub().post(f.base() + "/webhook-endpoints", Map.of("url", receiver.url(),
                    "eventTypes", List.of("email.deferred", "email.bounced")), f.owner.token());
            assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
            com.penguinmails.hub.testkit.TestSecrets.register(endpoint.body().get("secret").asString());
            assertThat(hub().get(f.base() + "/webhook-event-types", f.owner.token()).raw().body())
                    .contains("email.deferred");

            UUID id = sentMessage("ada@example.com", "c-" + UUID.randomUUID());
            mailgunEvent(id, "failed", "temporary", "wt1");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 1);
            mailgunEvent(id, "failed", "permanent", "wt2");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 2);

            List<JsonNode> payloads = receiver.accepted().stream().map(r -> json.readTree(r.body())).toList();
            assertThat(payloads.stream().map(p -> p.get("type").asString()))
                    .containsExactlyInAnyOrder("email.deferred", "email.bounced");
            JsonNode deferred = payloads.stream().filter(p -> p.get("type").asString().equals("email.deferred"))
                    .findFirst().orElseThrow().get("data");
            assertThat(deferred.get("status").asString()).isEqualTo("deferred");
            assertThat(deferred.get("messageStatus").asString()).isEqualTo("deferred");
            assertThat(deferred.hasNonNull("bounceKind")).isFalse();
            JsonNode bounced = payloads.stream().filter(p -> p.get("type").asString().equals("email.bounced"))
                    .findFirst().orElseThrow().get("data");
            assertThat(bounced.get("bounceKind").asString()).isEqualTo("hard");
            assertThat(bounced.get("messageStatus").asString()).isEqualTo("bounced");
            assertThat(bounced.get("messageId").asString()).isEqualTo(id.toString());
        }
    }

    @Test
    void aDeliveryThatLaterBouncesIsNoLongerCountedDeliveredAndTheSuppressionNamesTheBounce() {
        String campaign = "c-" + UUID.randomUUID();
        UUID id = sentMessage("ada@example.com", campaign);
        mailgunEvent(id, "delivered", "", "lb1");
        awaitProcessed();
        JsonNode before = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
        assertThat(before.get("delivered").asLong()).isEqualTo(1);
        assertThat(before.get("rates").get("delivered").asDouble()).isEqualTo(1.0);

        mailgunEvent(id, "failed", "permanent", "lb2"); // a delayed bounce
        awaitProcessed();
        assertThat(recipientStatus(id)).isEqualTo("bounced");
        JsonNode after = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
        assertThat(after.get("sent").asLong()).isEqualTo(1);
        assertThat(after.get("delivered").asLong()).isZero();
        assertThat(after.get("bounced").asLong()).isEqualTo(1);
        assertThat(after.get("rates").get("delivered").asDouble()).isZero();
        assertThat(after.get("rates").get("bounced").asDouble()).isEqualTo(1.0);

        String bounceEvent = null;
        for (JsonNode e : message(id).get("events")) {
            if ("bounced".equals(e.get("type").asString())) {
                bounceEvent = e.get("id").asString();
            }
        }
        JsonNode entry = hub().get(f.base() + "/suppressions?q=ada@example.com", f.owner.token()).body().get("suppressions").get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("hard_bounce");
        assertThat(entry.get("sourceEventId").asString()).isEqualTo(bounceEvent);
    }

    @Test
    void anEventWithNeitherIdIsMatchedByTheCampaignAndRecipientIdsTheHubAttached() {
        String campaign = "c-" + UUID.randomUUID();
        UUID id = sentMessage("ada@example.com", campaign); // recipientId r-1
        String variables = "{\"hub_tenant_id\":\"%s\",\"campaign_id\":\"%s\",\"recipient_id\":\"r-1\"}"
                .formatted(f.tenant, campaign);
        mailgunEvent("grace@example.com", "delivered", "", "cr1", "unknown@elsewhere", variables);
        awaitProcessed();
        assertThat(recipientStatus(id)).as("another address with the same ids is not this message's").isEqualTo("sent");

        mailgunEvent("Ada@Example.com", "delivered", "", "cr2", "unknown@elsewhere", variables);
        awaitProcessed();
        assertThat(recipientStatus(id)).isEqualTo("delivered");
        assertThat(message(id).get("events").findValuesAsString("providerEventId")).hasSize(1);
    }

    @Test
    void anEventThatOvertakesTheRecordOfTheSendWaitsForIt() {
        // Mailgun answers after 3 s: its delivered event arrives while the message is still queued
        stubs.stubFor(post(urlEqualTo("/v3/" + f.domain + "/messages")).withHost(equalTo("localhost"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                        .withBody("{\"id\":\"<m-" + f.tenant + "@" + f.domain + ">\"}")));
        String campaign = "c-" + UUID.randomUUID();
        Map<String, Object> body = f.message("ada@example.com");
        body.put("campaignId", campaign);
        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        mailgunEvent(id, "delivered", "", "early1");

        // the inbox tries it (3 attempts in tests) and parks it; nothing was applied to the queued message
        await().atMost(Duration.ofSeconds(10)).until(() -> hub().get(f.base()
                + "/webhook-inbox?state=failed&provider=mailgun", f.owner.token()).body().get("events").size() == 1);
        JsonNode parked = hub().get(f.base() + "/webhook-inbox?state=failed&provider=mailgun", f.owner.token()).body()
                .get("events").get(0);
        assertThat(parked.get("lastError").asString()).contains("not recorded as sent yet");
        assertThat(message(id).get("status").asString()).isEqualTo("queued");
        assertThat(message(id).get("events")).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(id).get("status").asString()));
        assertThat(hub().post(f.base() + "/webhook-inbox/" + parked.get("id").asString() + "/retry", Map.of(),
                f.owner.token()).status()).isEqualTo(200);
        awaitProcessed();
        assertThat(recipientStatus(id)).isEqualTo("delivered");
        assertThat(message(id).get("status").asString()).isEqualTo("delivered");
        JsonNode metrics = hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body();
        assertThat(metrics.get("sent").asLong()).isEqualTo(1);
        assertThat(metrics.get("delivered").asLong()).isEqualTo(1);
    }

    @Test
    void unknownEventTypesAreStoredAndIgnoredAndEventsOfUnknownMessagesChangeNothing() {
        UUID id = sentMessage("ada@example.com", "c-" + UUID.randomUUID());
        mailgunEvent(id, "ada@example.com", "list_member_uploaded", "", "u1");
        mailgunEvent("ada@example.com", "delivered", "", "u2", "nobody@elsewhere",
                "{\"hub_message_id\":\"%s\",\"hub_tenant_id\":\"%s\"}".formatted(UUID.randomUUID(), f.tenant));
        awaitProcessed();

        JsonNode ignored = hub().get(f.base() + "/webhook-inbox?state=ignored&provider=mailgun", f.owner.token()).body();
        assertThat(ignored.get("events").findValuesAsString("type")).containsExactly("list_member_uploaded");
        JsonNode done = hub().get(f.base() + "/webhook-inbox?state=done&provider=mailgun", f.owner.token()).body();
        assertThat(done.get("events").findValuesAsString("type")).as("an unknown message is no error")
                .containsExactly("delivered");
        assertThat(hub().get(f.base() + "/webhook-inbox?state=failed", f.owner.token()).body().get("events")).isEmpty();
        assertThat(recipientStatus(id)).isEqualTo("sent");
        assertThat(message(id).get("events")).isEmpty();
    }

    private static byte[] hmac(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
