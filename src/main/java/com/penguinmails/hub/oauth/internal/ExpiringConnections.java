package com.penguinmails.hub.oauth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.oauth.OAuthConnectionExpired;
import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * A connection that can no longer be refreshed: its tokens are erased and it is marked expired, an
 * alert is raised in the gateway's {@code integration_alerts} (linked to the gateway's incident when
 * there is one) and {@link OAuthConnectionExpired} is published, all in one transaction; then the
 * integration goes to {@code error}.
 */
@Service
class ExpiringConnections {

    private static final Logger log = LoggerFactory.getLogger(ExpiringConnections.class);

    private static final String ALERT = """
            insert into integration_alerts (tenant_id, id, integration_id, error_id, kind, message, created_at)
            values (:tenant, :id, :integration,
                    (select e.id from integration_errors e where e.tenant_id = :tenant and e.id = :incident),
                    'oauth_connection_expired', :message, :now)""";

    private final Connections connections;
    private final IntegrationRegistry registry;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    ExpiringConnections(Connections connections, IntegrationRegistry registry, TenantTransactions transactions,
                        ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.connections = connections;
        this.registry = registry;
        this.transactions = transactions;
        this.events = events;
        this.jdbc = jdbc;
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
            jdbc.sql(ALERT).param("tenant", connection.tenantId()).param("id", UUID.randomUUID())
                    .param("integration", connection.integrationId()).param("incident", incidentId)
                    .param("message", message).param("now", SqlValues.timestamp(now)).update();
            events.publishEvent(new OAuthConnectionExpired(connection.tenantId(), connection.id(),
                    connection.integrationId(), connection.provider(), connection.accountEmail(), reason, now));
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
