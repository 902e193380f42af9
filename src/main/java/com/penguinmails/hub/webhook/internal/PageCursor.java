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

    /** One page of rows, and the cursor of the next page (null on the last). */
    record Page<T>(java.util.List<T> rows, String next) {
    }

    /**
     * Cuts a page from rows read with {@code limit + 1}: when the extra row came back there is a next
     * page, and its cursor names the page's last row ({@code at} and {@code id} read its sort key).
     */
    static <T> Page<T> cut(java.util.List<T> rows, int limit, java.util.function.Function<T, Instant> at,
                           java.util.function.Function<T, UUID> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        T last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), new PageCursor(at.apply(last), id.apply(last)).encode());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
