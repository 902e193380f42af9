package com.penguinmails.hub.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of the hub's API keys: {@code pm_live_<prefix>_<secret>}, where the prefix is 8 random
 * lower-case letters and digits (public: stored, listed, safe to log) and the secret is 256 random
 * bits in hex. Only the SHA-256 of the whole key is stored; with that much entropy a fast hash is
 * enough.
 */
final class ApiKeyTokens {

    static final String MARKER = "pm_";
    private static final String LIVE = "pm_live_";
    private static final Pattern FORMAT = Pattern.compile("pm_live_([a-z0-9]{8})_([0-9a-f]{64})");
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyTokens() {
    }

    /** A freshly generated key: its public prefix and the whole key, to be shown once. */
    record NewKey(String prefix, String key) {
        @Override
        public String toString() {
            return "NewKey[prefix=" + prefix + "]";
        }
    }

    /** A presented key split into its parts. */
    record Presented(String prefix, byte[] hash) {
    }

    static NewKey generate() {
        char[] prefix = new char[8];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = PREFIX_ALPHABET[RANDOM.nextInt(PREFIX_ALPHABET.length)];
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String p = new String(prefix);
        return new NewKey(p, LIVE + p + "_" + HexFormat.of().formatHex(secret));
    }

    static Optional<Presented> parse(String key) {
        Matcher m = FORMAT.matcher(key);
        return m.matches() ? Optional.of(new Presented(m.group(1), hash(key))) : Optional.empty();
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
