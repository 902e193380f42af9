package com.penguinmails.hub.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in user whose address is not verified yet asked for another verification email. Published
 * inside the transaction that stored the new token, so the email is queued exactly when it commits.
 *
 * @param verificationToken the single-use token the email carries; stored only as a hash
 */
public record VerificationEmailRequested(UUID userId, String email, String name, String verificationToken,
                                         Instant verificationExpiresAt) {

    @Override
    public String toString() {
        return "VerificationEmailRequested[userId=" + userId + "]";
    }
}
