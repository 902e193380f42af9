package com.penguinmails.hub.gateway.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderErrorClassifier;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * Turns a provider's non-2xx answer or an I/O failure into the guide's error types. The HTTP status
 * gives the default; {@code Retry-After} and the usual rate-limit headers give {@code retryAfter};
 * then the provider's own {@link ProviderErrorClassifier}, if any, reads the body and refines it.
 */
@Component
class ErrorClassification {

    static final int MAX_MESSAGE = 1000;

    private final Map<String, List<ProviderErrorClassifier>> classifiers = new HashMap<>();
    private final Clock clock;

    ErrorClassification(List<ProviderErrorClassifier> classifiers, Clock clock) {
        for (ProviderErrorClassifier classifier : classifiers) {
            classifier.providers().forEach(p -> this.classifiers.computeIfAbsent(p, k -> new java.util.ArrayList<>())
                    .add(classifier));
        }
        this.clock = clock;
    }

    IntegrationError ofResponse(String provider, ProviderResponse response) {
        IntegrationError error = byStatus(provider, response.status())
                .withRetryAfter(retryAfter(response.headers(), clock.instant()).orElse(null));
        for (ProviderErrorClassifier classifier : classifiers.getOrDefault(provider, List.of())) {
            try {
                error = classifier.classify(response, error);
            } catch (RuntimeException e) {
                // an unreadable body keeps the status-based classification
            }
        }
        return error.withMessage(shorten(error.message()));
    }

    static IntegrationError byStatus(String provider, int status) {
        String message = provider + " answered HTTP " + status;
        return switch (status) {
            case 401 -> error(ErrorType.AUTHENTICATION, message, false, status);
            case 403 -> error(ErrorType.AUTHORIZATION, message, false, status);
            case 429 -> error(ErrorType.RATE_LIMIT, message, true, status);
            case 408 -> error(ErrorType.NETWORK, message, true, status);
            case 402 -> error(ErrorType.QUOTA, message, false, status);
            case 405, 406, 415 -> error(ErrorType.CONFIGURATION, message, false, status);
            case 501, 505 -> error(ErrorType.API, message, false, status);
            default -> status >= 500 ? error(ErrorType.API, message, true, status)
                    : status >= 300 && status < 400 ? error(ErrorType.CONFIGURATION, message + " (a redirect)", false, status)
                    : error(ErrorType.DATA, message, false, status);
        };
    }

    /** Failures with no answer: network trouble is worth retrying, a bad certificate is not. */
    static IntegrationError ofException(String provider, IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return error(ErrorType.NETWORK, "Connecting to " + provider + " timed out", true, null);
        }
        if (e instanceof HttpTimeoutException) {
            return error(ErrorType.NETWORK, provider + " did not answer in time", true, null);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return error(ErrorType.NETWORK, provider + " refused the connection", true, null);
        }
        if (e instanceof UnknownHostException) {
            return error(ErrorType.NETWORK, "The host of " + provider + " could not be resolved", true, null);
        }
        if (e instanceof SSLException) {
            return error(ErrorType.NETWORK, "TLS with " + provider + " failed: " + shorten(e.getMessage()), false, null);
        }
        return error(ErrorType.NETWORK, "I/O error talking to " + provider + ": " + e.getClass().getSimpleName(), true, null);
    }

    /** True when the request surely never reached the provider, so even a non-idempotent POST may be resent. */
    static boolean neverSent(IOException e) {
        return e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e.getCause() instanceof ConnectException || e instanceof UnknownHostException;
    }

    static IntegrationError error(ErrorType type, String message, boolean retryable, Integer status) {
        return new IntegrationError(type, message, retryable, null, null, status);
    }

    /**
     * {@code Retry-After} (seconds or an HTTP date), then {@code RateLimit-Reset} (seconds to wait,
     * IETF draft), then {@code X-RateLimit-Reset} (SendGrid and others: epoch seconds, or epoch
     * milliseconds, or seconds to wait when small).
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> retryAfter = headers.firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            String value = retryAfter.get().trim();
            try {
                return Optional.of(nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)))); 
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(nonNegative(Duration.between(now, at)));
                } catch (RuntimeException ignored) {
                    // unreadable: fall through to the rate-limit headers
                }
            }
        }
        Optional<Long> reset = number(headers, "RateLimit-Reset");
        if (reset.isPresent()) {
            return Optional.of(nonNegative(Duration.ofSeconds(reset.get())));
        }
        return number(headers, "X-RateLimit-Reset").map(value -> {
            if (value > 100_000_000_000L) {
                return nonNegative(Duration.between(now, Instant.ofEpochMilli(value)));
            }
            if (value > 1_000_000_000L) {
                return nonNegative(Duration.between(now, Instant.ofEpochSecond(value)));
            }
            return Duration.ofSeconds(value);
        });
    }

    private static Optional<Long> number(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(String::trim).map(v -> (long) Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String shorten(String message) {
        if (message == null) {
            return null;
        }
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
