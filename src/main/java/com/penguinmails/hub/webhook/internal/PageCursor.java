package com.penguinmails.hub.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.penguinmails.hub.platform.web.ApiProblem;

/** An opaque page cursor: the time and id of the last row of the previous page. */
record PageCursor(Instant at, UUID id) {

    static PageCursor parse(String cursor) {
        if (cursor == null) {
            return new PageCursor(null, null);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("invalid_cursor", "The cursor is not one this API gave out");
        }
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
