package com.penguinmails.hub.stripe.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.stripe.StripeEvent;
import com.penguinmails.hub.webhook.InboundRequest;
import com.penguinmails.hub.webhook.InboundWebhookSource;
import com.penguinmails.hub.webhook.ParsedEvent;

/**
 * Stripe's webhooks (docs/PROVIDERS.md §3.1): {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]},
 * each {@code v1} a lower-case hex HMAC-SHA256 of {@code t + "." + rawBody} keyed with the whole
 * {@code whsec_…} string. The request is authentic when any {@code v1} matches any of the endpoint's
 * secrets (several during a rotation, and the platform and Connect endpoints each have their own)
 * and {@code t} is within the tolerance of now. {@code v0} and other schemes are ignored.
 *
 * <p>Secrets: the integration's {@code webhookSecrets} (a list of one or two), or, on the platform
 * endpoint, every field of {@code hub.webhook.platform-accounts.stripe} whose name ends in
 * {@code WebhookSecret} ({@code webhookSecret}, {@code previousWebhookSecret}, {@code connectWebhookSecret},
 * {@code previousConnectWebhookSecret}).
 */
@Component
class StripeWebhookSource implements InboundWebhookSource {

    static final String HEADER = "stripe-signature";

    private final JsonMapper json;
    private final Duration tolerance;

    StripeWebhookSource(JsonMapper json, StripeProperties properties) {
        this.json = json;
        this.tolerance = properties.webhookTolerance();
    }

    @Override
    public String provider() {
        return "stripe";
    }

    @Override
    public boolean verify(InboundRequest request, Map<String, String> secrets, Map<String, Object> configuration,
                          Instant now) {
        List<String> keys = secrets(secrets);
        String header = request.header(HEADER).orElse(null);
        if (keys.isEmpty() || header == null || header.length() > 4096) {
            return false;
        }
        String timestamp = null;
        List<String> given = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if ("t".equals(name)) {
                timestamp = value;
            } else if ("v1".equals(name)) {
                given.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (timestamp == null || given.isEmpty() || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String key : keys) {
            byte[] expected = HexFormat.of().formatHex(hmacSha256(key, prefix, request.body()))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String signature : given) {
                // no early exit: every pair is compared, each in constant time
                match |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return match;
    }

    @Override
    public List<ParsedEvent> parse(InboundRequest request, Map<String, Object> configuration) {
        StripeEvent event = StripeEvent.from(json.readTree(request.body()));
        // the event is the whole body: stored as received
        return List.of(new ParsedEvent(event.id(), event.type(), event.created(),
                new String(request.body(), StandardCharsets.UTF_8)));
    }

    /** The endpoint secrets among the opened credentials (never the API keys). */
    List<String> secrets(Map<String, String> secrets) {
        List<String> keys = new ArrayList<>();
        if (secrets == null) {
            return keys;
        }
        secrets.forEach((field, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String name = field.toLowerCase(Locale.ROOT);
            if (name.equals("webhooksecrets")) {
                try {
                    JsonNode list = json.readTree(value);
                    list.forEach(item -> {
                        if (item.isString() && !item.asString().isBlank()) {
                            keys.add(item.asString());
                        }
                    });
                } catch (RuntimeException notJson) {
                    for (String item : value.split(",")) {
                        if (!item.isBlank()) {
                            keys.add(item.strip());
                        }
                    }
                }
            } else if (name.endsWith("webhooksecret")) {
                keys.add(value.strip());
            }
        });
        return keys;
    }

    private static byte[] hmacSha256(String key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
