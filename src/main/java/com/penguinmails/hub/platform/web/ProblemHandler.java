package com.penguinmails.hub.platform.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a request into an RFC 9457 problem with a stable {@code code}. Bad input
 * gets a 4xx that names the offending fields; only a bug reaches the 500 branch, which logs the
 * stack trace and tells the caller nothing internal.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setProperty("code", problem.code());
        problem.properties().forEach(body::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfterSeconds() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
        }
        return ResponseEntity.status(problem.status()).headers(headers).body(body);
    }

    /** The database refused a value the validation let through: still the caller's input, never a 500. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e);
        }
        String state = sqlState(e);
        if (state != null && (state.startsWith("22") || "23514".equals(state) || "23502".equals(state))) {
            return problem(HttpStatus.BAD_REQUEST, "invalid_data",
                    "A value in the request cannot be stored (for example a NUL character, an empty name or a number out of range)");
        }
        if ("23505".equals(state)) {
            return problem(HttpStatus.CONFLICT, "conflict", "A record with the same identity already exists");
        }
        if (state != null && state.startsWith("23")) {
            return problem(HttpStatus.CONFLICT, "constraint_violated",
                    "The request conflicts with existing data");
        }
        return unexpected(e);
    }

    /** Method validation outside Spring MVC's own (a {@code @Validated} bean) still names the fields. */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(jakarta.validation.ConstraintViolationException e) {
        return validationFailed(e.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .collect(Collectors.toList()));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /**
     * Spring Security's firewall checks parameter names and values when the handler first reads them (a
     * form field whose name holds a NUL, found by HostileRequestsPropertyTests): the caller's input, not a 500.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "request_rejected",
                "The request has a parameter name or value that is not allowed");
    }

    /**
     * Tomcat parses form and query parameters when they are first read, and refuses a malformed percent-encoding
     * ({@code %,4}) by throwing (found by HostileRequestsPropertyTests): the caller's input, not a 500.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> malformedParameters(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed_parameters",
                "The request's parameters are not correctly encoded");
    }

    /**
     * A multipart body that cannot be parsed (a broken boundary, a cut part). Too large a one is
     * {@code MaxUploadSizeExceededException}, answered 413 by the base class (the nearer match).
     */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(org.springframework.web.multipart.MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed_multipart", "The request's multipart body cannot be parsed");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The hub failed to handle this request; it has been logged");
    }

    /**
     * The database cannot be reached (pool timeout, refused or cut connection, server restarting):
     * a 503 the client may retry, not a 500. Logged without a stack trace: an outage makes many.
     */
    private ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("Database unavailable while handling a request: {}", DatabaseUnavailableFilter.rootMessage(e));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
        body.setProperty("code", DatabaseUnavailable.CODE);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS)).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
                Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .collect(Collectors.toList());
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestSizeLimitFilter.isTooLarge(ex)) {
            return asObject(problem(HttpStatus.CONTENT_TOO_LARGE, "request_too_large",
                    "The request body is larger than this endpoint accepts"));
        }
        UnrecognizedPropertyException unknown = unknownField(ex);
        if (unknown != null) {
            String field = path(unknown);
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request has a field this endpoint does not know: " + field);
            body.setProperty("code", "unknown_field");
            body.setProperty("errors", List.of(Map.of("field", field, "message", "is not a field of this request")));
            return ResponseEntity.badRequest().body(body);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON or does not match the expected shape");
        body.setProperty("code", "malformed_request");
        String field = offendingField(ex);
        if (field != null) {
            body.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type or format")));
        }
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName().toLowerCase();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter '" + name + "' must be a valid " + type);
        body.setProperty("code", "invalid_parameter");
        body.setProperty("errors", List.of(Map.of("field", name, "message", "must be a valid " + type)));
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                problem.setProperty("code", ProblemCodes.forStatus(statusCode));
            }
        }
        return response;
    }

    private ResponseEntity<Object> validationFailed(List<Map<String, String>> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has invalid fields");
        body.setProperty("code", "validation_failed");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setProperty("code", code);
        return ResponseEntity.status(status).body(body);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static String offendingField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return path(jackson);
            }
        }
        return null;
    }

    private static UnrecognizedPropertyException unknownField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException unknown) {
                return unknown;
            }
        }
        return null;
    }

    /** The JSON path of the value Jackson stopped at: {@code recipients.[0].variables}. */
    private static String path(JacksonException jackson) {
        if (jackson.getPath().isEmpty() && jackson instanceof UnrecognizedPropertyException unknown) {
            return String.valueOf(unknown.getPropertyName());
        }
        return jackson.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
