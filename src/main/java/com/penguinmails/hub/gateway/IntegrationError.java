package com.penguinmails.hub.gateway;

import java.time.Duration;

/**
 * A classified provider failure (the guide's {@code IntegrationError}).
 *
 * @param retryAfter how long to wait before trying again, when known; nullable
 * @param incidentId the hub's id of this failure, the key of its {@code integration_errors} row
 * @param httpStatus the provider's status, null when no answer came (network, refused, circuit open)
 */
public record IntegrationError(ErrorType type, String message, boolean retryable, Duration retryAfter,
                               String incidentId, Integer httpStatus) {

    public IntegrationError withType(ErrorType type, boolean retryable) {
        return new IntegrationError(type, message, retryable, retryAfter, incidentId, httpStatus);
    }

    public IntegrationError withMessage(String message) {
        return new IntegrationError(type, message, retryable, retryAfter, incidentId, httpStatus);
    }

    public IntegrationError withRetryAfter(Duration retryAfter) {
        return new IntegrationError(type, message, retryable, retryAfter, incidentId, httpStatus);
    }

    public IntegrationError withIncidentId(String incidentId) {
        return new IntegrationError(type, message, retryable, retryAfter, incidentId, httpStatus);
    }
}
