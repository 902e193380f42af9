package com.penguinmails.hub.oauth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.oauth.OAuthConnectionExpired;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * A connection that can no longer be refreshed: its tokens are erased and it is marked expired and
 * {@link OAuthConnectionExpired} is published, in one transaction (the monitoring module raises the
 * tenant's {@code credential} alert from it, the webhook notice goes out from it); then the integration
 * goes to {@code error}.
 */
@Service
class ExpiringConnections {

    private static final Logger log = LoggerFactory.getLogger(ExpiringConnections.class);

    private final Connections connections;
    private final IntegrationRegistry registry;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExpiringConnections(Connections connections, IntegrationRegistry registry, TenantTransactions transactions,
                        ApplicationEventPublisher events, Clock clock) {
        this.connections = connections;
        this.registry = registry;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Expires the connection (once); {@code incidentId} is the gateway's, when the failure was recorded. */
    void expire(Connections.Connection connection, String reason, UUID incidentId) {
        Instant now = clock.instant();
        String message = Connections.shorten("The " + connection.provider() + " connection of "
                + (connection.accountEmail() == null ? connection.accountSubject() : connection.accountEmail())
                + " expired and must be connected again: " + reason);
        boolean expired = transactions.inTenant(connection.tenantId(), () -> {
            if (!connections.expire(connection.tenantId(), connection.id(), reason)) {
                return false;
            }
            events.publishEvent(new OAuthConnectionExpired(connection.tenantId(), connection.id(),
                    connection.integrationId(), connection.provider(), connection.accountEmail(), reason, message, incidentId,
                    now));
            return true;
        });
        if (!expired) {
            return;
        }
        log.warn("OAuth connection {} of tenant {} expired: {}", connection.id(), connection.tenantId(), reason);
        registry.find(connection.tenantId(), connection.integrationId())
                .filter(i -> i.status() != IntegrationStatus.ERROR)
                .ifPresent(i -> {
                    try {
                        registry.changeStatus(connection.tenantId(), connection.integrationId(), IntegrationStatus.ERROR,
                                StatusChanger.SYSTEM, Connections.shorten("OAuth connection " + connection.id()
                                        + " expired: " + reason));
                    } catch (RuntimeException e) {
                        log.debug("Integration {} not moved to error: {}", connection.integrationId(), e.getMessage());
                    }
                });
    }
}
