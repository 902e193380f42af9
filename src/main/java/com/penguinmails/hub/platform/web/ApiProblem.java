package com.penguinmails.hub.platform.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API reports as an RFC 9457 problem: an HTTP status, a stable machine-readable
 * {@code code}, a human-readable detail, and optional extra members.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration retryAfter;

    public ApiProblem(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiProblem forbidden(String code, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiProblem unauthorized(String code, String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, code, detail);
    }

    public static ApiProblem tooManyRequests(String code, String detail, Duration retryAfter) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, code, detail).retryAfter(retryAfter);
    }

    /**
     * A 400 {@code validation_failed} naming the offending fields, the same shape Bean Validation
     * failures get: {@code errors: [{field, message}]}.
     */
    public static ApiProblem invalidFields(java.util.List<FieldProblem> errors) {
        return badRequest("validation_failed", "The request has invalid fields").with("errors",
                errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    }

    /** One invalid field: its JSON path (e.g. {@code configuration.apiKey}) and what is wrong. */
    public record FieldProblem(String field, String message) {
    }

    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ApiProblem retryAfter(Duration delay) {
        this.retryAfter = delay;
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** Whole seconds to wait, rounded up, or null when the problem says nothing about waiting. */
    public Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
