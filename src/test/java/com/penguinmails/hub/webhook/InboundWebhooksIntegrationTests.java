package com.penguinmails.hub.webhook;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.RecordingProcessor;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Providers' webhooks over real HTTP, signed by signers written here (not the production
 * verifiers): stored once, acknowledged after commit, processed afterwards.
 */
class InboundWebhooksIntegrationTests extends HubIntegrationTest {

    @Autowired
    RecordingProcessor processor;

    private SignedInUser owner;
    private UUID tenant;
    private String signingKey;
    private UUID mailgun;

    @BeforeEach
    void aTenantWithAMailgunIntegration() {
        owner = hub().signedInUser("Owner");
        tenant = hub().tenantOf(owner, "Inbound");
        signingKey = TestSecrets.fresh("mg-signing-");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Mailgun",
                "category", "email_service", "provider", "mailgun",
                "configuration", Map.of("apiKey", TestSecrets.fresh("key-"), "domain", "mg.example.com",
                        "webhookSigningKey", signingKey)), owner.token());
        mailgun = UUID.fromString(created.body().get("id").asString());
    }

    static String mailgunBody(String key, long timestamp, String token, String eventId, String event) {
        String signature = HexFormat.of().formatHex(hmac("HmacSHA256", key, (timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return """
                {"signature":{"timestamp":"%d","token":"%s","signature":"%s"},
                 "event-data":{"event":"%s","id":"%s","timestamp":%d.125,"recipient":"ada@example.com",
                               "severity":"permanent","user-variables":{"campaign_id":"c_1"}}}"""
                .formatted(timestamp, token, signature, event, eventId, timestamp);
    }

    private Response postMailgun(String path, String body) {
        return hub().send("POST", path, body, null, "application/json", Map.of("User-Agent", "mailgun/treq-test"));
    }

    @Test
    void aSignedEventIsStoredOnceAndAcknowledged() {
        long now = Instant.now().getEpochSecond();
        String body = mailgunBody(signingKey, now, "tok-" + UUID.randomUUID(), "evt-1", "delivered");

        Response first = postMailgun("/api/webhooks/mailgun/" + mailgun, body);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.body().get("status").asString()).isEqualTo("processed");
        assertThat(first.body().get("eventId").asString()).isEqualTo("evt-1:" + now + ".125");

        Response again = postMailgun("/api/webhooks/mailgun/" + mailgun, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("status").asString()).isEqualTo("duplicate");

        Response inbox = hub().get("/api/v1/tenants/" + tenant + "/webhook-inbox", owner.token());
        assertThat(inbox.body().get("events").size()).isEqualTo(1);
        var event = inbox.body().get("events").get(0);
        assertThat(event.get("type").asString()).isEqualTo("delivered");
        assertThat(event.get("userAgent").asString()).isEqualTo("mailgun/treq-test");
        assertThat(event.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(event.get("receivedAt")).isNotNull();
        assertThat(event.get("payload").get("recipient").asString()).isEqualTo("ada@example.com");
        String id = event.get("id").asString();
        // processed after the answer (the email module's mapper finds no message of this tenant: nothing to apply)
        await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(
                hub().get("/api/v1/tenants/" + tenant + "/webhook-inbox/" + id, owner.token()).body().get("state").asString()));
    }

    @Test
    void forgedStaleMalformedOrOversizedRequestsAreRefusedAndNothingIsStored() {
        long now = Instant.now().getEpochSecond();
        String path = "/api/webhooks/mailgun/" + mailgun;
        Response forged = postMailgun(path, mailgunBody("not-the-key-0123456789", now, "t1", "e1", "delivered"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().has("detail")).isFalse();
        assertThat(postMailgun(path, mailgunBody(signingKey, now - 3600, "t2", "e2", "delivered")).status()).isEqualTo(401);
        assertThat(postMailgun(path, mailgunBody(signingKey, now + 3600, "t3", "e3", "delivered")).status()).isEqualTo(401);
        String noEvent = mailgunBody(signingKey, now, "t4", "e4", "delivered").replace("\"event-data\"", "\"other\"");
        assertThat(postMailgun(path, noEvent).code()).isEqualTo("malformed_payload");
        assertThat(postMailgun(path, "{not json").status()).isEqualTo(401);
        // signed and well-formed, but PostgreSQL cannot store a NUL: the caller's data, a 400, not a 500
        Response nul = postMailgun(path, mailgunBody(signingKey, now, "t7", "e7\\u0000", "delivered"));
        assertThat(nul.status()).as(nul.raw().body()).isEqualTo(400);
        assertThat(nul.code()).isEqualTo("invalid_data");
        assertThat(postMailgun(path, "x".repeat(6 * 1024 * 1024)).status()).isEqualTo(413);
        assertThat(postMailgun("/api/webhooks/mailgun/" + UUID.randomUUID(),
                mailgunBody(signingKey, now, "t5", "e5", "delivered")).code()).isEqualTo("unknown_integration");
        assertThat(postMailgun("/api/webhooks/sendgrid/" + mailgun,
                mailgunBody(signingKey, now, "t6", "e6", "delivered")).code()).isEqualTo("unknown_integration");
        assertThat(postMailgun("/api/webhooks/carrier-pigeon", "{}").code()).isEqualTo("unknown_provider");

        assertThat(hub().get("/api/v1/tenants/" + tenant + "/webhook-inbox", owner.token()).body().get("events").size())
                .isZero();
    }

    @Test
    void thePlatformAccountHasItsOwnKeyAndItsEventsWaitForRouting() throws Exception {
        TestSecrets.register(PLATFORM_MAILGUN_KEY);
        long now = Instant.now().getEpochSecond();
        String eventId = "platform-" + UUID.randomUUID();
        Response accepted = postMailgun("/api/webhooks/mailgun", mailgunBody(PLATFORM_MAILGUN_KEY, now, "tp", eventId, "opened"));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(postMailgun("/api/webhooks/mailgun", mailgunBody(signingKey, now, "tq", "x", "opened")).status())
                .isEqualTo(401);
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "select tenant_id from webhook_inbox where dedup_key like ?")) {
            ps.setString(1, eventId + "%");
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, UUID.class)).isEqualTo(InboundEvent.PLATFORM_TENANT);
        }
    }

    @Test
    void aSendGridBatchIsVerifiedOnItsRawBytesAndDeduplicatedPerEvent() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "SendGrid",
                "category", "email_service", "provider", "sendgrid", "configuration", Map.of(
                        "apiKey", TestSecrets.register("SG.abcdefghijkl.mnopqrstuvwxyz0123"),
                        "eventWebhookPublicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))),
                owner.token());
        String path = "/api/webhooks/sendgrid/" + created.body().get("id").asString();
        String batch = "[{\"email\":\"a@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"sg-1\",\"timestamp\":1700000000},\r\n"
                + "{\"email\":\"b@example.com\",\"event\":\"bounce\",\"type\":\"bounce\",\"sg_event_id\":\"sg-2\",\"timestamp\":1700000001}]\r\n";

        Response accepted = postSendGrid(path, batch, keys);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(accepted.body().get("stored").asInt()).isEqualTo(2);

        String overlapping = "[{\"email\":\"b@example.com\",\"event\":\"bounce\",\"sg_event_id\":\"sg-2\",\"timestamp\":1700000001},"
                + "{\"email\":\"c@example.com\",\"event\":\"open\",\"sg_event_id\":\"sg-3\",\"timestamp\":1700000002}]";
        Response second = postSendGrid(path, overlapping, keys);
        assertThat(second.body().get("stored").asInt()).isEqualTo(1);
        assertThat(second.body().get("duplicates").asInt()).isEqualTo(1);

        String tampered = batch.replace("a@example.com", "z@example.com");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Response forged = hub().send("POST", path, tampered, null, "application/json", Map.of(
                "X-Twilio-Email-Event-Webhook-Timestamp", timestamp,
                "X-Twilio-Email-Event-Webhook-Signature", sign(keys, timestamp, batch)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/webhook-inbox?provider=sendgrid", owner.token())
                .body().get("events").size()).isEqualTo(3);
    }

    private Response postSendGrid(String path, String body, KeyPair keys) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return hub().send("POST", path, body, null, "application/json", Map.of(
                "X-Twilio-Email-Event-Webhook-Timestamp", timestamp,
                "X-Twilio-Email-Event-Webhook-Signature", sign(keys, timestamp, body)));
    }

    private static String sign(KeyPair keys, String timestamp, String body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    // ---- the generic verifier, filters and processing ----

    private UUID customIntegration(String secret, List<Map<String, Object>> webhooks) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Shop " + UUID.randomUUID(),
                "category", "storage", "provider", "custom",
                "configuration", Map.of("baseUrl", "https://shop.example.com", "webhookSecret", secret,
                        "webhookSignatureHeader", "X-Shop-Signature", "webhookSignaturePrefix", "sha512=",
                        "webhookAlgorithm", "hmac-sha512", "webhookEncoding", "base64",
                        "webhookSignedContent", "timestamp.body", "webhookTimestampHeader", "X-Shop-Timestamp")));
        body.put("webhooks", webhooks);
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", body, owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    private Response postCustom(UUID integration, String secret, String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = Base64.getEncoder().encodeToString(
                hmac("HmacSHA512", secret, (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return hub().send("POST", "/api/webhooks/custom/" + integration, body, null, "application/json",
                Map.of("X-Shop-Timestamp", timestamp, "X-Shop-Signature", "sha512=" + signature));
    }

    @Test
    void theGenericVerifierFollowsTheIntegrationsSettingsAndItsFilters() {
        String secret = TestSecrets.fresh("shop-secret-");
        UUID shop = customIntegration(secret, List.of(Map.of("id", "orders", "url", "https://shop.example.com/hooks",
                "events", List.of("test.*"),
                "filters", List.of(Map.of("eventType", "test.ok", "conditions", Map.of("order.status", List.of("paid", "shipped")))))));

        Response paid = postCustom(shop, secret, "{\"id\":\"o-1\",\"type\":\"test.ok\",\"order\":{\"status\":\"paid\"}}");
        assertThat(paid.body().get("status").asString()).isEqualTo("processed");
        Response refunded = postCustom(shop, secret, "{\"id\":\"o-2\",\"type\":\"test.ok\",\"order\":{\"status\":\"refunded\"}}");
        assertThat(refunded.body().get("status").asString()).isEqualTo("filtered");
        Response otherType = postCustom(shop, secret, "{\"id\":\"o-3\",\"type\":\"customer.created\"}");
        assertThat(otherType.body().get("status").asString()).isEqualTo("filtered");
        Response noId = postCustom(shop, secret, "{\"type\":\"test.ok\",\"order\":{\"status\":\"shipped\"}}");
        assertThat(noId.body().get("eventId").asString()).startsWith("sha256:");

        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Response unsigned = hub().send("POST", "/api/webhooks/custom/" + shop, "{\"id\":\"x\",\"type\":\"test.ok\"}",
                null, "application/json", Map.of("X-Shop-Timestamp", timestamp, "X-Shop-Signature", "sha512=AAAA"));
        assertThat(unsigned.status()).isEqualTo(401);
    }

    private UUID customIntegration(Map<String, Object> configuration) {
        Map<String, Object> settings = new java.util.HashMap<>(configuration);
        settings.put("baseUrl", "https://shop.example.com");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name",
                "Shop " + UUID.randomUUID(), "category", "storage", "provider", "custom", "configuration", settings),
                owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    private Response postSigned(UUID integration, String body, Map<String, String> headers) {
        return hub().send("POST", "/api/webhooks/custom/" + integration, body, null, "application/json", headers);
    }

    private int storedCustomEvents() {
        return hub().get("/api/v1/tenants/" + tenant + "/webhook-inbox?provider=custom&limit=200", owner.token())
                .body().get("events").size();
    }

    @Test
    void theGenericVerifiersDefaultsAreHexHmacSha256OfTheBodyInXSignature() {
        String secret = TestSecrets.fresh("shop-secret-");
        UUID shop = customIntegration(Map.of("webhookSecret", secret));
        String body = "{\"id\":\"d-1\",\"type\":\"test.ok\"}";
        byte[] mac = hmac("HmacSHA256", secret, body.getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(mac);

        // refused: the right MAC in base64, in another header, a SHA-512 MAC, a MAC over timestamp.body, none
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        for (Map<String, String> wrong : List.of(
                Map.of("X-Signature", Base64.getEncoder().encodeToString(mac)),
                Map.of("X-Hub-Signature", hex),
                Map.of("X-Signature", HexFormat.of().formatHex(hmac("HmacSHA512", secret,
                        body.getBytes(StandardCharsets.UTF_8)))),
                Map.of("X-Signature", HexFormat.of().formatHex(hmac("HmacSHA256", secret,
                        (timestamp + "." + body).getBytes(StandardCharsets.UTF_8))), "X-Timestamp", timestamp),
                Map.of("X-Signature", HexFormat.of().formatHex(hmac("HmacSHA256", "another-secret-0123456789",
                        body.getBytes(StandardCharsets.UTF_8)))),
                Map.<String, String>of())) {
            Response refused = postSigned(shop, body, wrong);
            assertThat(refused.status()).as(wrong.keySet().toString()).isEqualTo(401);
            assertThat(refused.body().has("detail")).isFalse();
        }
        assertThat(storedCustomEvents()).as("nothing stored on refusal").isZero();

        Response accepted = postSigned(shop, body, Map.of("X-Signature", hex));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(accepted.body().get("status").asString()).isEqualTo("processed");
        // upper-case hex is the same signature
        assertThat(postSigned(shop, body, Map.of("X-Signature", hex.toUpperCase())).body().get("status").asString())
                .isEqualTo("duplicate");
        assertThat(storedCustomEvents()).isEqualTo(1);
    }

    @Test
    void theGenericVerifierChecksSignedTimestampsInBase64AndRefusesStaleOnes() {
        for (String mode : List.of("timestamp.body", "timestamp+body")) {
            String secret = TestSecrets.fresh("shop-secret-");
            UUID shop = customIntegration(Map.of("webhookSecret", secret, "webhookEncoding", "base64",
                    "webhookSignedContent", mode, "webhookSignatureHeader", "X-Sig", "webhookTimestampHeader", "X-Ts"));
            String body = "{\"id\":\"t-" + mode + "\",\"type\":\"test.ok\"}";
            java.util.function.BiFunction<Long, String, String> sign = (at, content) -> Base64.getEncoder()
                    .encodeToString(hmac("HmacSHA256", secret, ((mode.equals("timestamp.body") ? at + "." : at.toString())
                            + content).getBytes(StandardCharsets.UTF_8)));
            long now = Instant.now().getEpochSecond();
            int before = storedCustomEvents();

            for (long stale : List.of(now - 3600, now + 3600)) {
                Response refused = postSigned(shop, body, Map.of("X-Ts", Long.toString(stale),
                        "X-Sig", sign.apply(stale, body)));
                assertThat(refused.status()).as(mode + " at " + stale).isEqualTo(401);
            }
            byte[] mac = Base64.getDecoder().decode(sign.apply(now, body));
            String ts = Long.toString(now);
            for (Map<String, String> wrong : List.of(
                    Map.of("X-Sig", sign.apply(now, body)), // no timestamp header
                    Map.of("X-Ts", ts, "X-Sig", HexFormat.of().formatHex(mac)), // hex, not base64
                    Map.of("X-Ts", ts, "X-Signature", sign.apply(now, body)), // the default header, not X-Sig
                    Map.of("X-Ts", ts, "X-Sig", Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret,
                            body.getBytes(StandardCharsets.UTF_8)))), // the body alone
                    Map.of("X-Ts", Long.toString(now - 1), "X-Sig", sign.apply(now, body)), // another timestamp
                    Map.of("X-Ts", ts, "X-Sig", "not base64!"))) {
                assertThat(postSigned(shop, body, wrong).status()).as(mode + " " + wrong.keySet()).isEqualTo(401);
            }
            assertThat(storedCustomEvents()).as("nothing stored on refusal").isEqualTo(before);

            Response accepted = postSigned(shop, body, Map.of("X-Ts", ts, "X-Sig", sign.apply(now, body)));
            assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
            assertThat(accepted.body().get("status").asString()).isEqualTo("processed");
            assertThat(storedCustomEvents()).isEqualTo(before + 1);
        }
    }

    @Test
    void eventsAreProcessedOnceFailuresRetryThenParkAndCanBeRunAgain() {
        String secret = TestSecrets.fresh("shop-secret-");
        UUID shop = customIntegration(secret, List.of());
        String inbox = "/api/v1/tenants/" + tenant + "/webhook-inbox";

        postCustom(shop, secret, "{\"id\":\"ok-1\",\"type\":\"test.ok\"}");
        postCustom(shop, secret, "{\"id\":\"ok-1\",\"type\":\"test.ok\"}");
        postCustom(shop, secret, "{\"id\":\"flaky-1\",\"type\":\"test.flaky\"}");
        postCustom(shop, secret, "{\"id\":\"bad-1\",\"type\":\"test.fail\"}");

        await().atMost(Duration.ofSeconds(15)).until(() ->
                hub().get(inbox + "?state=done", owner.token()).body().get("events").size() == 2
                        && hub().get(inbox + "?state=failed", owner.token()).body().get("events").size() == 1);
        var done = hub().get(inbox + "?state=done", owner.token()).body().get("events");
        for (var event : done) {
            assertThat(processor.effectsOf(UUID.fromString(event.get("id").asString()))).isEqualTo(1);
        }
        var failed = hub().get(inbox + "?state=failed", owner.token()).body().get("events").get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("retryCount").asInt()).as("attempts after the first").isEqualTo(2);
        assertThat(failed.get("lastError").asString()).contains("processor refused bad-1");

        String failedId = failed.get("id").asString();
        assertThat(hub().post(inbox + "/" + failedId + "/retry", Map.of(), owner.token()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(
                hub().get(inbox + "/" + failedId, owner.token()).body().get("state").asString()));
        String doneId = done.get(0).get("id").asString();
        assertThat(hub().post(inbox + "/" + doneId + "/retry", Map.of(), owner.token()).code())
                .isEqualTo("event_not_retryable");
    }

    @Test
    void theInboxAnswersAnEventAsReceivedAndCountsNoRetryForOneSuccessfulAttempt() {
        String secret = TestSecrets.fresh("shop-secret-");
        UUID shop = customIntegration(secret, List.of());
        String inbox = "/api/v1/tenants/" + tenant + "/webhook-inbox";
        String id = "raw-" + UUID.randomUUID();
        // members in an order jsonb would not keep (it sorts them), spacing and number spellings of the sender's own
        String sent = "{ \"type\": \"test.ok\",  \"id\": \"" + id + "\", \"zeta\": 1.50, \"alpha\": {\"b\": 2, \"a\": 1e2},"
                + " \"text\": \"caf\\u00e9\" }";
        assertThat(postCustom(shop, secret, sent).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                hub().get(inbox + "?state=done", owner.token()).body().get("events").size() == 1);
        String eventId = hub().get(inbox + "?state=done", owner.token()).body().get("events").get(0).get("id").asString();

        JsonNode event = hub().get(inbox + "/" + eventId, owner.token()).body();
        assertThat(event.get("rawPayload").asString()).isEqualTo(sent);
        assertThat(event.get("payload").propertyNames()).containsExactly("type", "id", "zeta", "alpha", "text");
        assertThat(event.get("payload").get("alpha").propertyNames()).containsExactly("b", "a");
        assertThat(event.get("attempts").asInt()).isEqualTo(1);
        assertThat(event.get("retryCount").asInt()).isZero();
        JsonNode listed = hub().get(inbox, owner.token()).body().get("events").get(0);
        assertThat(listed.get("rawPayload").asString()).isEqualTo(sent);

        // a byte order mark before the body is not part of the event
        String marked = "{\"id\": \"bom-" + UUID.randomUUID() + "\", \"type\": \"other.event\"}";
        assertThat(postCustom(shop, secret, "\uFEFF" + marked).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                hub().get(inbox + "?state=ignored", owner.token()).body().get("events").size() == 1);
        JsonNode ignored = hub().get(inbox + "?state=ignored", owner.token()).body().get("events").get(0);
        assertThat(ignored.get("rawPayload").asString()).isEqualTo(marked);
        assertThat(ignored.get("payload").get("type").asString()).isEqualTo("other.event");
    }

    @Test
    void anEventStillBeingProcessedWhenItsLeaseEndsIsNotProcessedAgain() {
        String secret = TestSecrets.fresh("shop-secret-");
        UUID shop = customIntegration(secret, List.of());
        String inbox = "/api/v1/tenants/" + tenant + "/webhook-inbox";
        postCustom(shop, secret, "{\"id\":\"slow-1\",\"type\":\"test.slow\"}");

        // four loops poll every 100 ms; the 2 s lease ends while the event takes 3.5 s
        await().atMost(Duration.ofSeconds(20)).until(() ->
                hub().get(inbox + "?state=done", owner.token()).body().get("events").size() == 1);
        var done = hub().get(inbox + "?state=done", owner.token()).body().get("events").get(0);
        // a second worker that took the expired lease would now be processing it again
        try {
            Thread.sleep(RecordingProcessor.SLOW.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(processor.effectsOf(UUID.fromString(done.get("id").asString()))).isEqualTo(1);
        JsonNode once = hub().get(inbox + "/" + done.get("id").asString(), owner.token()).body();
        assertThat(once.get("attempts").asInt()).as("one finished attempt").isEqualTo(1);
        assertThat(once.get("retryCount").asInt()).as("no retry").isZero();
    }

    @Test
    void theInboxPagesWithACursor() throws InterruptedException {
        String secret = TestSecrets.fresh("shop-secret-");
        UUID shop = customIntegration(secret, List.of());
        for (int i = 0; i < 7; i++) {
            postCustom(shop, secret, "{\"id\":\"page-" + i + "\",\"type\":\"other.event\"}");
            Thread.sleep(2); // ids order by the millisecond of arrival; within one, in no set order
        }
        String inbox = "/api/v1/tenants/" + tenant + "/webhook-inbox?limit=3";
        List<String> seen = new java.util.ArrayList<>();
        List<java.time.Instant> received = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = hub().get(inbox + (cursor == null ? "" : "&cursor=" + cursor), owner.token());
            page.body().get("events").forEach(e -> {
                seen.add(e.get("providerEventId").asString());
                received.add(java.time.Instant.parse(e.get("receivedAt").asString()));
            });
            cursor = page.body().get("nextCursor") == null ? null : page.body().get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().hasSize(7);
        assertThat(pages).isEqualTo(3);
        // newest first: the requests were sent one after the other, so the listing is their reverse
        assertThat(received).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(seen).containsExactly("page-6", "page-5", "page-4", "page-3", "page-2", "page-1", "page-0");
        assertThat(hub().get(inbox + "&cursor=bm9wZQ", owner.token()).code()).isEqualTo("invalid_cursor");
    }

    static byte[] hmac(String algorithm, String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
