package com.penguinmails.hub.stripe;

import java.net.URI;
import java.time.Instant;

/**
 * A single-use onboarding link; a bearer secret for the account's onboarding: redirect to it,
 * never log it.
 */
public record AccountLink(URI url, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccountLink[expires " + expiresAt + "]";
    }
}
