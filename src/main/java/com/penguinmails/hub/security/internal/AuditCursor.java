package com.penguinmails.hub.security.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Where a page of the audit log ended: the last entry's time and id. Clients get it as an opaque
 * URL-safe string and hand it back unchanged.
 */
record AuditCursor(Instant occurredAt, UUID id) {

    String encode() {
        String raw = occurredAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static AuditCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw invalid();
            }
            return new AuditCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("invalid_cursor", "The cursor is not one this API returned");
    }
}
