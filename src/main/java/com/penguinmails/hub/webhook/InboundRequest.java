package com.penguinmails.hub.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook request as received: the exact body bytes and the headers (names lower-case). Sources
 * verify and parse these bytes, never a re-serialised form.
 */
public record InboundRequest(byte[] body, Map<String, List<String>> headers) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
