package com.penguinmails.hub.platform.web;

import java.util.Optional;

/**
 * Where the current HTTP request comes from: its request id (sent as {@code X-Request-Id} or
 * generated, and echoed in the response), the client address and the user agent. Set by
 * {@link RequestIdFilter} for the duration of the request, on the request's thread.
 */
public record RequestMetadata(String requestId, String clientAddress, String userAgent) {

    public static final String HEADER = "X-Request-Id";

    private static final ThreadLocal<RequestMetadata> CURRENT = new ThreadLocal<>();

    public static Optional<RequestMetadata> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current request's id, if a request is being handled on this thread. */
    public static Optional<String> currentRequestId() {
        return current().map(RequestMetadata::requestId);
    }

    static void set(RequestMetadata metadata) {
        CURRENT.set(metadata);
    }

    static void clear() {
        CURRENT.remove();
    }
}
