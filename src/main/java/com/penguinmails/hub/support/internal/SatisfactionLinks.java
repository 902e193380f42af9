package com.penguinmails.hub.support.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signed satisfaction links: {@code base64url(tenant:ticket:expiry) "." base64url(HMAC-SHA256)}. The
 * customer needs no account; the signature (checked in constant time) and the expiry are the proof.
 */
@Component
class SatisfactionLinks {

    private static final Logger log = LoggerFactory.getLogger(SatisfactionLinks.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    record Claim(UUID tenantId, UUID ticketId, Instant expiresAt) {
    }

    private final byte[] key;

    SatisfactionLinks(SupportProperties properties) {
        String secret = properties.satisfaction().secret();
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.key = random;
            log.warn("hub.support.satisfaction.secret is not set: satisfaction links are signed with a random key "
                    + "and stop working when this node restarts (and on other nodes)");
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    String sign(UUID tenantId, UUID ticketId, Instant expiresAt) {
        String payload = tenantId + ":" + ticketId + ":" + expiresAt.getEpochSecond();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The claim of a genuine, unexpired token. */
    Optional<Claim> verify(String token, Instant now) {
        if (token == null || token.length() > 500) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), given)) {
                return Optional.empty();
            }
            String[] parts = payload.split(":");
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!now.isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Claim(UUID.fromString(parts[0]), UUID.fromString(parts[1]), expires));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
