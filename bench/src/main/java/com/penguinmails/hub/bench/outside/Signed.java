package com.penguinmails.hub.bench.outside;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook bodies and signatures as each provider makes them. Every body is built from an id the caller makes
 * unique, so the hub never sees the same event twice.
 */
final class Signed {

    /** A request body with the headers that go with it. */
    record Body(String body, Map<String, String> headers) {
    }

    private Signed() {
    }

    /** A Stripe event, signed as Stripe does: {@code Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256 of "ts.body">}. */
    static Body stripe(String secret, String id, long now) {
        String body = """
                {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":%d,"type":"payment_intent.succeeded",
                "livemode":false,"data":{"object":{"id":"pi_%s","object":"payment_intent","amount":1999,"currency":"usd",
                "status":"succeeded","metadata":{}}}}
                """.formatted(id, now, id);
        String signature = HexFormat.of().formatHex(hmac(secret, now + "." + body));
        return new Body(body, Map.of("Content-Type", "application/json", "Stripe-Signature", "t=" + now + ",v1=" + signature));
    }

    /**
     * A Mailgun event webhook (JSON): {@code signature.signature} is the hex HMAC-SHA256 of timestamp + token under
     * the webhook signing key; the token is unique per request.
     */
    static Body mailgun(String signingKey, String eventId, String token, long now) {
        String signature = HexFormat.of().formatHex(hmac(signingKey, now + token));
        String body = """
                {"signature":{"timestamp":"%d","token":"%s","signature":"%s"},"event-data":{"event":"opened","id":"%s",
                "timestamp":%d.25,"recipient":"reader@example.com","user-variables":{"campaign_id":"bench"}}}"""
                .formatted(now, token, signature, eventId, now);
        return new Body(body, Map.of("Content-Type", "application/json"));
    }

    /** A SendGrid event webhook batch of {@code events} {@code delivered} events with ids {@code prefix-0…}. */
    static String sendGridBatch(String prefix, int events) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < events; i++) {
            if (i > 0) {
                body.append(",\r\n");
            }
            body.append("{\"email\":\"r").append(i).append("@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"")
                    .append(prefix).append('-').append(i).append("\",\"timestamp\":1700000000}");
        }
        return body.append("]\r\n").toString();
    }

    /** The headers of a signed SendGrid batch. */
    static Map<String, String> sendGridHeaders(String timestamp, String signature) {
        return Map.of("Content-Type", "application/json", "X-Twilio-Email-Event-Webhook-Timestamp", timestamp,
                "X-Twilio-Email-Event-Webhook-Signature", signature);
    }

    /** SendGrid's signature: base64 DER ECDSA P-256 with SHA-256 over the timestamp followed by the body. */
    static String sendGridSignature(KeyPair keys, String timestamp, String body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 key pair, as a SendGrid account's event webhook signing key. */
    static KeyPair sendGridKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
