package com.penguinmails.hub.tenancy.internal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** Reads {@code Authorization: Bearer <token>}. */
final class BearerTokens {

    private static final String PREFIX = "bearer ";

    private BearerTokens() {
    }

    static Optional<String> from(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() || token.length() > 256 ? Optional.empty() : Optional.of(token);
    }
}
