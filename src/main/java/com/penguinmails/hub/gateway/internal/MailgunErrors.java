package com.penguinmails.hub.gateway.internal;

import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderErrorClassifier;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * Mailgun (docs/PROVIDERS.md 1.1): bodies are {@code {"message": "..."}}; 401 is a bad key, 402 a failed
 * request tied to the account's plan, 404 on a domain path means the configured domain is wrong,
 * 413 an attachment too large, 429 the API limit.
 */
@Component
class MailgunErrors implements ProviderErrorClassifier {

    private final ErrorBodies bodies;

    MailgunErrors(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public Set<String> providers() {
        return Set.of("mailgun");
    }

    @Override
    public IntegrationError classify(ProviderResponse response, IntegrationError byDefault) {
        String message = ErrorBodies.text(bodies.read(response).path("message"));
        if (message == null && response.status() == 401 && response.bodyText().strip().equalsIgnoreCase("forbidden")) {
            message = "Forbidden";
        }
        IntegrationError refined = message == null ? byDefault : byDefault.withMessage("Mailgun: " + message);
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (response.status() == 404 && lower.contains("domain")) {
            return refined.withType(ErrorType.CONFIGURATION, false);
        }
        if (response.status() == 400 && (lower.contains("domain") && lower.contains("not")
                || lower.contains("sandbox") || lower.contains("not allowed to send"))) {
            return refined.withType(ErrorType.CONFIGURATION, false);
        }
        if (lower.contains("quota") || lower.contains("limit exceeded") && response.status() != 429) {
            return refined.withType(ErrorType.QUOTA, false);
        }
        return refined;
    }
}
