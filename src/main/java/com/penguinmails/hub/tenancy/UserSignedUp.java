package com.penguinmails.hub.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * A person created an account. Published inside the sign-up transaction, so listeners that write
 * (the verification email) commit or roll back with it.
 *
 * @param verificationToken the single-use token the verification email carries; stored only as a hash
 */
public record UserSignedUp(UUID userId, String email, String name, String verificationToken,
                           Instant verificationExpiresAt) {

    @Override
    public String toString() {
        return "UserSignedUp[userId=" + userId + "]";
    }
}
