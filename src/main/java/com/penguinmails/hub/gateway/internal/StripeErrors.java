package com.penguinmails.hub.gateway.internal;

import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderErrorClassifier;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * Stripe (docs/PROVIDERS.md 3.7): {@code {"error": {"type", "code", "message"}}}; card errors are the
 * customer's data, idempotency errors a caller bug, {@code api_error} Stripe's own; the
 * {@code Stripe-Should-Retry} header, when present, decides whether a retry may help.
 */
@Component
class StripeErrors implements ProviderErrorClassifier {

    private final ErrorBodies bodies;

    StripeErrors(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public Set<String> providers() {
        return Set.of("stripe");
    }

    @Override
    public IntegrationError classify(ProviderResponse response, IntegrationError byDefault) {
        JsonNode error = bodies.read(response).path("error");
        String type = ErrorBodies.text(error.path("type"));
        String code = ErrorBodies.text(error.path("code"));
        IntegrationError refined = byDefault;
        String message = ErrorBodies.text(error.path("message"));
        if (message != null) {
            refined = refined.withMessage("Stripe " + (code != null ? code : type) + ": " + message);
        }
        if ("card_error".equals(type)) {
            refined = refined.withType(ErrorType.DATA, false);
        } else if ("idempotency_error".equals(type)) {
            refined = refined.withType(ErrorType.DATA, false);
        } else if ("rate_limit_error".equals(type) || "rate_limit".equals(code) || "lock_timeout".equals(code)) {
            refined = refined.withType(ErrorType.RATE_LIMIT, true);
        } else if ("api_error".equals(type)) {
            refined = refined.withType(ErrorType.API, true);
        } else if ("api_key_expired".equals(code)) {
            refined = refined.withType(ErrorType.AUTHENTICATION, false);
        } else if ("account_invalid".equals(code) || "platform_account_required".equals(code)) {
            refined = refined.withType(ErrorType.CONFIGURATION, false);
        }
        String shouldRetry = response.header("Stripe-Should-Retry");
        if (shouldRetry != null) {
            refined = refined.withType(refined.type(), Boolean.parseBoolean(shouldRetry.trim()));
        }
        return refined;
    }
}
