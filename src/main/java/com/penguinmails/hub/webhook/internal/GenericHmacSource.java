package com.penguinmails.hub.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.webhook.ContentHash;
import com.penguinmails.hub.webhook.Freshness;
import com.penguinmails.hub.webhook.InboundRequest;
import com.penguinmails.hub.webhook.InboundWebhookSource;
import com.penguinmails.hub.webhook.ParsedEvent;
import com.penguinmails.hub.webhook.RawJson;

/**
 * The verifier for services without a built-in one (integrations of provider {@code custom}):
 * HMAC-SHA256 or -SHA512 over the body or the timestamp and the body, hex or base64, in a
 * configured header with an optional prefix, compared in constant time; a signed timestamp must be
 * inside the replay window. The body is one JSON event (or an array of them).
 */
@Component
class GenericHmacSource implements InboundWebhookSource {

    private final JsonMapper json;
    private final Duration replayWindow;

    GenericHmacSource(JsonMapper json, WebhookProperties properties) {
        this.json = json;
        this.replayWindow = properties.inbound().replayWindow();
    }

    @Override
    public String provider() {
        return "custom";
    }

    @Override
    public boolean verify(InboundRequest request, Map<String, String> secrets, Map<String, Object> configuration,
                          Instant now) {
        String secret = secrets.get("webhookSecret");
        if (secret == null) {
            return false;
        }
        String signed = setting(configuration, "webhookSignedContent", "body");
        Optional<String> timestamp = Optional.empty();
        if (signed.startsWith("timestamp")) {
            timestamp = request.header(setting(configuration, "webhookTimestampHeader", "X-Timestamp"));
            if (timestamp.isEmpty() || !Freshness.within(timestamp.get(), now, replayWindow)) {
                return false;
            }
        }
        Optional<byte[]> given = request.header(setting(configuration, "webhookSignatureHeader", "X-Signature"))
                .map(h -> stripPrefix(h.strip(), (String) configuration.get("webhookSignaturePrefix")))
                .flatMap(h -> decode(h, setting(configuration, "webhookEncoding", "hex")));
        if (given.isEmpty()) {
            return false;
        }
        byte[] message = switch (signed) {
            case "timestamp.body" -> concat((timestamp.get() + ".").getBytes(StandardCharsets.UTF_8), request.body());
            case "timestamp+body" -> concat(timestamp.get().getBytes(StandardCharsets.UTF_8), request.body());
            default -> request.body();
        };
        String algorithm = "hmac-sha512".equals(setting(configuration, "webhookAlgorithm", "hmac-sha256"))
                ? "HmacSHA512" : "HmacSHA256";
        return MessageDigest.isEqual(hmac(algorithm, secret, message), given.get());
    }

    /** The body's text without surrounding white space or a byte order mark (which the JSON parser skips too). */
    private static String bodyText(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.startsWith("\uFEFF") ? text.substring(1).strip() : text;
    }

    @Override
    public List<ParsedEvent> parse(InboundRequest request, Map<String, Object> configuration) {
        JsonNode root = json.readTree(request.body());
        // each event is stored as its own text in the body, as received
        List<RawJson.Value> events = root.isArray() ? RawJson.arrayElements(json, request.body())
                : List.of(new RawJson.Value(root, bodyText(request.body())));
        String typePath = setting(configuration, "webhookEventTypePath", "type");
        String idPath = setting(configuration, "webhookEventIdPath", "id");
        return events.stream().map(value -> {
            JsonNode event = value.node();
            if (!event.isObject()) {
                throw new IllegalArgumentException("events are JSON objects");
            }
            String type = at(event, typePath).orElseThrow(() -> new IllegalArgumentException("no event type"));
            String id = at(event, idPath).orElseGet(() -> ContentHash.of(event.toString()));
            return new ParsedEvent(id, type, null, value.raw());
        }).toList();
    }

    private static Optional<String> at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return current == null || !current.isValueNode() || current.asString().isBlank()
                ? Optional.empty() : Optional.of(current.asString());
    }

    private static String setting(Map<String, Object> configuration, String name, String fallback) {
        Object value = configuration.get(name);
        return value == null ? fallback : value.toString();
    }

    private static String stripPrefix(String header, String prefix) {
        return prefix != null && header.startsWith(prefix) ? header.substring(prefix.length()) : header;
    }

    private static Optional<byte[]> decode(String value, String encoding) {
        try {
            return Optional.of("base64".equals(encoding) ? Base64.getDecoder().decode(value)
                    : HexFormat.of().parseHex(value.toLowerCase()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static byte[] hmac(String algorithm, String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
