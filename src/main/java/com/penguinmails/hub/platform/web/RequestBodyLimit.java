package com.penguinmails.hub.platform.web;

/**
 * A larger (or smaller) body limit for the paths under {@code pathPrefix} than the hub-wide
 * {@code hub.http.max-request-bytes}; declared as a bean by the module that owns the paths.
 */
public record RequestBodyLimit(String pathPrefix, long maxBytes) {
}
