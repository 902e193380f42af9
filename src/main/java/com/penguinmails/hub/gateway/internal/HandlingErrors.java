package com.penguinmails.hub.gateway.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.IntegrationErrorRecorded;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * The guide's handling strategy for a call that failed at the provider: record it (the row's id is
 * the incident id), put the integration in {@code error} on an authentication error, and publish
 * {@link IntegrationErrorRecorded} in the same transaction (with {@code notifyAdmins} on API errors when
 * the integration asks for it: the monitoring module raises the alert). Retrying is the gateway's own loop and, beyond it, the caller's
 * (the error carries {@code retryAfter}). Recording never hides the provider's failure.
 */
@Service
class HandlingErrors {

    private static final Logger log = LoggerFactory.getLogger(HandlingErrors.class);

    private final IntegrationErrors errors;
    private final IntegrationRegistry registry;
    private final GatewayTargets targets;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HandlingErrors(IntegrationErrors errors, IntegrationRegistry registry, GatewayTargets targets,
                   TenantTransactions transactions, ApplicationEventPublisher events, Clock clock) {
        this.errors = errors;
        this.registry = registry;
        this.targets = targets;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Handles the final failure of a call; answers the error with its incident id. */
    IntegrationError handle(ProviderCall call, GatewayTargets.Target target, IntegrationError error, int attempts,
                            String providerRequestId) {
        UUID incident = UUID.randomUUID();
        IntegrationError recorded = error.withIncidentId(incident.toString());
        Instant now = clock.instant();
        boolean notify = recorded.type() == ErrorType.API && target.settings().notifyAdminsOnApiErrors();
        log.warn("Provider call failed: {} {} -> {} (incident {}, {} attempt(s))", call.provider(), call.operation(),
                recorded.type().value(), incident, attempts);
        if (call.tenantId() == null) {
            return recorded;
        }
        try {
            transactions.inTenant(call.tenantId(), () -> {
                errors.insert(new IntegrationErrors.Recorded(call.tenantId(), incident, call.integrationId(),
                        call.provider(), call.operation(), recorded.type(), recorded.message(), recorded.retryable(),
                        recorded.retryAfter() == null ? null : recorded.retryAfter().toMillis(), recorded.httpStatus(),
                        attempts, providerRequestId, now));
                events.publishEvent(new IntegrationErrorRecorded(call.tenantId(), call.integrationId(), call.provider(),
                        call.operation(), recorded, attempts, notify, now));
            });
        } catch (RuntimeException e) {
            log.error("Could not record incident {} of {}: {}", incident, call.provider(), e.getMessage());
        }
        if (recorded.type() == ErrorType.AUTHENTICATION && call.integrationId() != null
                && target.integration() != null && target.integration().status() != IntegrationStatus.ERROR) {
            try {
                registry.changeStatus(call.tenantId(), call.integrationId(), IntegrationStatus.ERROR,
                        StatusChanger.SYSTEM, ErrorClassification.shorten(
                                "authentication_error (incident " + incident + "): " + recorded.message()));
            } catch (RuntimeException e) {
                // already in error or deprecated meanwhile: nothing to change
                log.debug("Integration {} not moved to error: {}", call.integrationId(), e.getMessage());
            }
            targets.forget(call.tenantId(), call.integrationId());
        }
        return recorded;
    }
}
