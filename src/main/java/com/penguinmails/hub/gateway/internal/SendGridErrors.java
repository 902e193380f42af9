package com.penguinmails.hub.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderErrorClassifier;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * SendGrid (docs/PROVIDERS.md 2.1): {@code {"errors": [{"message", "field", "help"}]}}; a sender identity
 * that is not verified is a configuration problem, credits or plan limits a quota one.
 */
@Component
class SendGridErrors implements ProviderErrorClassifier {

    private final ErrorBodies bodies;

    SendGridErrors(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public Set<String> providers() {
        return Set.of("sendgrid");
    }

    @Override
    public IntegrationError classify(ProviderResponse response, IntegrationError byDefault) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : bodies.read(response).path("errors").values()) {
            String message = ErrorBodies.text(error.path("message"));
            String field = ErrorBodies.text(error.path("field"));
            if (message != null) {
                messages.add(field == null ? message : field + ": " + message);
            }
        }
        if (messages.isEmpty()) {
            return byDefault;
        }
        IntegrationError refined = byDefault.withMessage("SendGrid: " + String.join("; ", messages));
        String all = String.join(" ", messages).toLowerCase(Locale.ROOT);
        if (all.contains("verified sender identity") || all.contains("sender identity")) {
            return refined.withType(ErrorType.CONFIGURATION, false);
        }
        if (all.contains("maximum credits exceeded") || all.contains("credits")) {
            return refined.withType(ErrorType.QUOTA, false);
        }
        return refined;
    }
}
