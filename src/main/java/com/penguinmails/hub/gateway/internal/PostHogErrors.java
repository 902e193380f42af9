package com.penguinmails.hub.gateway.internal;

import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderErrorClassifier;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * PostHog (docs/PROVIDERS.md 4.1, 4.3): {@code {"type", "code", "detail"}}; {@code invalid_project} means
 * the configured project key is wrong, {@code invalid_payload} the event itself.
 */
@Component
class PostHogErrors implements ProviderErrorClassifier {

    private final ErrorBodies bodies;

    PostHogErrors(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public Set<String> providers() {
        return Set.of("posthog");
    }

    @Override
    public IntegrationError classify(ProviderResponse response, IntegrationError byDefault) {
        JsonNode body = bodies.read(response);
        String type = ErrorBodies.text(body.path("type"));
        String code = ErrorBodies.text(body.path("code"));
        String detail = ErrorBodies.text(body.path("detail"));
        IntegrationError refined = detail == null && code == null ? byDefault
                : byDefault.withMessage("PostHog " + ErrorBodies.firstNonNull(code, type) + ": "
                        + ErrorBodies.firstNonNull(detail, code));
        if ("authentication_error".equals(type) || "invalid_api_key".equals(code)
                || "invalid_personal_api_key".equals(code)) {
            return refined.withType(ErrorType.AUTHENTICATION, false);
        }
        if ("invalid_project".equals(code)) {
            return refined.withType(ErrorType.CONFIGURATION, false);
        }
        if ("validation_error".equals(type)) {
            return refined.withType(ErrorType.DATA, false);
        }
        if ("throttled".equals(type) || "throttled".equals(code)) {
            return refined.withType(ErrorType.RATE_LIMIT, true);
        }
        return refined;
    }
}
