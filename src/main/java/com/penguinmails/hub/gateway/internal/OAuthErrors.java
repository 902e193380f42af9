package com.penguinmails.hub.gateway.internal;

import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderErrorClassifier;
import com.penguinmails.hub.gateway.ProviderResponse;

/**
 * OAuth providers: RFC 6749 token-endpoint errors ({@code {"error": "invalid_grant"}}: the grant was
 * revoked or expired, the connection must be redone) and Google's API errors
 * ({@code {"error": {"code", "message", "errors": [{"reason"}]}}}), whose 403 may be a rate limit
 * or a daily quota rather than a missing permission.
 */
@Component
class OAuthErrors implements ProviderErrorClassifier {

    private final ErrorBodies bodies;

    OAuthErrors(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public Set<String> providers() {
        return Set.of("google", "microsoft", "hubspot", "oauth2");
    }

    @Override
    public IntegrationError classify(ProviderResponse response, IntegrationError byDefault) {
        JsonNode body = bodies.read(response);
        String oauthError = ErrorBodies.text(body.path("error"));
        if (oauthError != null) {
            IntegrationError refined = byDefault.withMessage("OAuth " + oauthError
                    + (ErrorBodies.text(body.path("error_description")) == null ? ""
                    : ": " + ErrorBodies.text(body.path("error_description"))));
            return switch (oauthError) {
                case "invalid_grant", "invalid_token", "unauthorized_client" ->
                        refined.withType(ErrorType.AUTHENTICATION, false);
                case "invalid_client" -> refined.withType(ErrorType.CONFIGURATION, false);
                case "invalid_scope", "access_denied", "insufficient_scope" ->
                        refined.withType(ErrorType.AUTHORIZATION, false);
                case "temporarily_unavailable" -> refined.withType(ErrorType.API, true);
                case "slow_down" -> refined.withType(ErrorType.RATE_LIMIT, true);
                default -> refined;
            };
        }
        JsonNode error = body.path("error");
        String reason = ErrorBodies.text(error.path("errors").path(0).path("reason"));
        String message = ErrorBodies.text(error.path("message"));
        IntegrationError refined = message == null ? byDefault : byDefault.withMessage(message);
        if (reason == null) {
            reason = ErrorBodies.text(error.path("status"));
        }
        if (reason == null) {
            return refined;
        }
        return switch (reason) {
            case "rateLimitExceeded", "userRateLimitExceeded", "RESOURCE_EXHAUSTED" ->
                    refined.withType(ErrorType.RATE_LIMIT, true);
            case "quotaExceeded", "dailyLimitExceeded" -> refined.withType(ErrorType.QUOTA, false);
            case "insufficientPermissions", "forbidden", "PERMISSION_DENIED" ->
                    refined.withType(ErrorType.AUTHORIZATION, false);
            case "authError", "UNAUTHENTICATED" -> refined.withType(ErrorType.AUTHENTICATION, false);
            default -> refined;
        };
    }
}
