package com.penguinmails.hub.reliability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.EmailedCodes;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant set up through the API as a customer would: a Mailgun integration (its API is the
 * {@link MailgunStub}), an outbound webhook endpoint taking {@code email.clicked} (the
 * {@link WebhookReceiver}), and one message sent through Mailgun. Every signed "clicked" event for
 * that message becomes one {@code email.clicked} outbound message whose click URL names the event.
 */
final class EmailTenant {

    /** When each event says it happened: fixed, so a resent event is the very same event (same dedup key). */
    static final long EVENT_TIME = 1_764_000_000L;

    final HubClient hub;
    final SignedInUser owner;
    final UUID tenant;
    final String domain = "rel" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    final String signingKey = "reliability-signing-" + UUID.randomUUID();
    final UUID mailgun;
    final UUID endpoint;
    final UUID message;

    EmailTenant(String base, String receiverUrl, ReliabilityDatabase database) {
        hub = new HubClient(base, JsonMapper.builder().build(), new EmailedCodes(database::owner));
        owner = hub.signedInUser("Reliability");
        tenant = hub.tenantOf(owner, "Reliability");
        mailgun = integration(domain, signingKey, 100_000);
        Response settings = hub.put(base() + "/email-settings", Map.of("defaultIntegrationId", mailgun.toString()),
                owner.token());
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
        Response created = hub.post(base() + "/webhook-endpoints", Map.of("url", receiverUrl,
                "eventTypes", List.of("email.clicked")), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        endpoint = UUID.fromString(created.body().get("endpoint").get("id").asString());
        message = send(mailgun, domain);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(hub.get(base() + "/emails/" + message,
                owner.token()).raw().body()).contains("\"status\":\"sent\""));
    }

    String base() {
        return "/api/v1/tenants/" + tenant;
    }

    /** A further Mailgun integration of this tenant, limited to {@code perMinute} calls a minute and an hour. */
    UUID integration(String domain, String signingKey, int perMinute) {
        Response created = hub.post(base() + "/integrations", Map.of("name", "Mailgun " + domain,
                "category", "email_service", "provider", "mailgun",
                "configuration", Map.of("apiKey", "key-" + UUID.randomUUID().toString().replace("-", ""), "domain", domain,
                        "webhookSigningKey", signingKey),
                "rateLimits", Map.of("requestsPerMinute", perMinute, "requestsPerHour", perMinute,
                        "strategy", "fixed-window")), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    /** Queues one message through {@code integration}; answers its id. */
    UUID send(UUID integration, String fromDomain) {
        return send(hub, integration, fromDomain);
    }

    UUID send(HubClient via, UUID integration, String fromDomain) {
        Map<String, Object> body = new HashMap<>();
        body.put("from", "Reliability <test@" + fromDomain + ">");
        body.put("to", List.of("reader@example.com"));
        body.put("subject", "Reliability");
        body.put("text", "Hello");
        body.put("campaignId", "reliability");
        body.put("integrationId", integration.toString());
        Response queued = via.post(base() + "/emails", body, owner.token());
        assertThat(queued.status()).as(queued.raw().body()).isEqualTo(202);
        return UUID.fromString(queued.body().get("id").asString());
    }

    /** The webhook URL of this tenant's Mailgun account on a node. */
    String webhookUrl(String nodeBase) {
        return nodeBase + "/api/webhooks/mailgun/" + mailgun;
    }

    /**
     * A correctly signed Mailgun "clicked" event for the sent message, unique by {@code eventId}; a
     * new token each time, as Mailgun does on a retry.
     */
    HttpRequest clicked(String nodeBase, String eventId) {
        long now = Instant.now().getEpochSecond();
        String token = UUID.randomUUID().toString().replace("-", "");
        String signature = HexFormat.of().formatHex(hmac(signingKey, now + token));
        String body = """
                {"signature":{"timestamp":"%d","token":"%s","signature":"%s"},
                 "event-data":{"event":"clicked","id":"%s","timestamp":%d.5,"recipient":"reader@example.com",
                   "url":"https://example.com/click/%s",
                   "user-variables":{"hub_message_id":"%s","hub_tenant_id":"%s","campaign_id":"reliability"}}}"""
                .formatted(now, token, signature, eventId, EVENT_TIME, eventId, message, tenant);
        return HttpRequest.newBuilder(URI.create(webhookUrl(nodeBase))).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The inbox de-duplication key of an event sent by {@link #clicked}. */
    static String dedupKey(String eventId) {
        return eventId + ":" + EVENT_TIME + ".5";
    }

    static byte[] hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
