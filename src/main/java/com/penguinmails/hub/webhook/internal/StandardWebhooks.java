package com.penguinmails.hub.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (docs/PROVIDERS.md section 7): a secret is {@code whsec_} + base64 of random
 * bytes, the HMAC-SHA256 key is those bytes (base64-decoded), the signed content is
 * {@code id.timestamp.body} and the signature {@code v1,} + base64 of the MAC.
 */
final class StandardWebhooks {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Looking the algorithm up costs more than the MAC of a small payload; each thread keeps its own. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    });

    private StandardWebhooks() {
    }

    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The {@code webhook-id} of an event: the same on every attempt and for every endpoint. */
    static String messageId(UUID eventId) {
        return "msg_" + eventId.toString().replace("-", "");
    }

    /**
     * The event id inside a {@code webhook-id} ({@code msg_} and 32 hexadecimal digits), or empty when the text
     * is not one.
     */
    static java.util.Optional<UUID> eventIdOf(String messageId) {
        if (messageId == null || !messageId.matches("msg_[0-9a-fA-F]{32}")) {
            return java.util.Optional.empty();
        }
        String hex = messageId.substring(4);
        return java.util.Optional.of(UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-"
                + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20)));
    }

    static String sign(String secret, String messageId, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
