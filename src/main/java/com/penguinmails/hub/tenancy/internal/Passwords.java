package com.penguinmails.hub.tenancy.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** Argon2id password hashes (16-byte salt, 32-byte hash, 16 MiB, 2 iterations). */
@Component
class Passwords {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Checked against when the email is unknown, so both failures take the same time. */
    private final String decoy = encoder.encode("decoy-password-for-unknown-accounts");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void spendEqualTime(String password) {
        encoder.matches(password, decoy);
    }
}
