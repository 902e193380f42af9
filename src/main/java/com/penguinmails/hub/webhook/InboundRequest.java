package com.penguinmails.hub.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A webhook request as received: the exact body bytes and the headers (names lower-case). Sources
 * verify and parse these bytes, never a re-serialised form. A request is handled on one thread.
 */
public final class InboundRequest {

    private final byte[] body;
    private final Map<String, List<String>> headers;
    private Object parsedBody;

    public InboundRequest(byte[] body, Map<String, List<String>> headers) {
        this.body = body;
        this.headers = headers;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body as {@code parser} reads it, parsed on the first call only, so that verifying,
     * splitting and claiming a token read it once. A request is handled by one source, which always
     * passes the same parser.
     */
    @SuppressWarnings("unchecked")
    public <T> T parsedBody(Function<byte[], T> parser) {
        if (parsedBody == null) {
            parsedBody = parser.apply(body);
        }
        return (T) parsedBody;
    }
}
