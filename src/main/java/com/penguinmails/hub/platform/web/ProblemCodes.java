package com.penguinmails.hub.platform.web;

import org.springframework.http.HttpStatusCode;

/** The stable {@code code} a problem carries when its handler did not choose a more precise one. */
public final class ProblemCodes {

    private ProblemCodes() {
    }

    public static String forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status.is5xxServerError() ? "internal_error" : "request_failed";
        };
    }
}
