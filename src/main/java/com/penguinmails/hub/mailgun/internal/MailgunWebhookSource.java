package com.penguinmails.hub.mailgun.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.webhook.Freshness;
import com.penguinmails.hub.webhook.InboundRequest;
import com.penguinmails.hub.webhook.InboundWebhookSource;
import com.penguinmails.hub.webhook.ParsedEvent;
import com.penguinmails.hub.webhook.RawJson;

/**
 * Mailgun's webhooks: {@code {"signature": {timestamp, token, signature}, "event-data": {...}}},
 * signed as lower-case hex HMAC-SHA256 of {@code timestamp + token} with the webhook signing key.
 * The event's id is unique only within a day, so the de-duplication key is id and timestamp.
 */
@Component
class MailgunWebhookSource implements InboundWebhookSource {

    private final JsonMapper json;
    private final Duration replayWindow;

    MailgunWebhookSource(JsonMapper json, @Value("${hub.webhook.inbound.replay-window:5m}") Duration replayWindow) {
        this.json = json;
        this.replayWindow = replayWindow;
    }

    /** 9999-12-31T23:59:59Z: later "times" are garbage (and beyond what PostgreSQL stores). */
    private static final BigDecimal LATEST_TIMESTAMP = BigDecimal.valueOf(253_402_300_799L);

    @Override
    public String provider() {
        return "mailgun";
    }

    @Override
    public boolean verify(InboundRequest request, Map<String, String> secrets, Map<String, Object> configuration,
                          Instant now) {
        String key = secrets.get("webhookSigningKey");
        if (key == null) {
            return false;
        }
        JsonNode signature;
        try {
            signature = signature(request);
        } catch (RuntimeException e) {
            return false;
        }
        if (signature == null) {
            return false;
        }
        String timestamp = text(signature, "timestamp");
        String token = text(signature, "token");
        String given = text(signature, "signature");
        if (timestamp.isEmpty() || token.isEmpty() || given.isEmpty() || !Freshness.within(timestamp, now, replayWindow)) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmacSha256(key, timestamp + token)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The signature covers timestamp and token, not the event: a captured signature could be glued to
     * another body, so its token may serve this one event only (its retries included).
     */
    @Override
    public Optional<String> oneUseToken(InboundRequest request) {
        JsonNode signature = signature(request);
        return signature == null ? Optional.empty() : Optional.of(text(signature, "token"));
    }

    @Override
    public List<ParsedEvent> parse(InboundRequest request, Map<String, Object> configuration) {
        RawJson.Value value = fields(request).get("event-data");
        JsonNode eventData = value == null ? null : value.node();
        if (eventData == null || !eventData.isObject() || text(eventData, "event").isEmpty() || text(eventData, "id").isEmpty()) {
            throw new IllegalArgumentException("not a Mailgun event");
        }
        JsonNode timestamp = eventData.get("timestamp");
        Instant occurredAt = null;
        String when = timestamp == null ? "" : timestamp.isNumber() ? null : timestamp.asString();
        if (when == null) {
            BigDecimal seconds = timestamp.decimalValue();
            when = seconds.toPlainString();
            if (seconds.signum() < 0 || seconds.compareTo(LATEST_TIMESTAMP) > 0) {
                throw new IllegalArgumentException("timestamp out of range");
            }
            occurredAt = Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return List.of(new ParsedEvent(text(eventData, "id") + ":" + when, text(eventData, "event"), occurredAt, value.raw()));
    }

    /** The body's top-level fields, read once per request. */
    private Map<String, RawJson.Value> fields(InboundRequest request) {
        return request.parsedBody(body -> RawJson.objectFields(json, body));
    }

    /** The body's {@code signature} object, or null. */
    private JsonNode signature(InboundRequest request) {
        RawJson.Value signature = fields(request).get("signature");
        return signature == null || !signature.node().isObject() ? null : signature.node();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() ? "" : value.asString();
    }

    static byte[] hmacSha256(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
