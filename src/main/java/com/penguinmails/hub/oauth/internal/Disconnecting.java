package com.penguinmails.hub.oauth.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;

/**
 * Disconnecting an account: its grant is revoked at the provider where the provider offers it
 * (Google's revocation endpoint with the refresh token, which also ends its access tokens; HubSpot's
 * {@code DELETE} of the refresh token; Microsoft has none), then our copies of the tokens are erased
 * and the disconnection audited. A user's disconnect erases them even when the provider could not be
 * reached; deleting the integration ({@link #release}) keeps a connection whose revocation failed, so
 * that the revocation is tried again rather than lost.
 */
@Service
class Disconnecting {

    private static final Logger log = LoggerFactory.getLogger(Disconnecting.class);

    /** {@code revocation}: {@code revoked}, {@code not_supported}, {@code failed} or {@code nothing_to_revoke}. */
    record Result(UUID connectionId, String revocation) {
    }

    private final Connections connections;
    private final OAuthClients clients;
    private final TokenEndpoint endpoint;
    private final Keyring keyring;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    Disconnecting(Connections connections, OAuthClients clients, TokenEndpoint endpoint, Keyring keyring,
                  TenantTransactions transactions, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.clients = clients;
        this.endpoint = endpoint;
        this.keyring = keyring;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    Result disconnect(UUID tenantId, UUID connectionId) {
        Connections.Connection connection = transactions.readInTenant(tenantId,
                        () -> connections.find(tenantId, connectionId))
                .orElseThrow(() -> ApiProblem.notFound("connection_not_found", "No such OAuth connection"));
        return disconnect(connection, false);
    }

    /**
     * Disconnects an account of an integration being deleted: revoked and erased like a user's
     * disconnect, except that when the provider could not revoke the grant ({@code failed}) the
     * connection and its tokens are kept.
     */
    Result release(Connections.Connection connection) {
        return disconnect(connection, true);
    }

    private Result disconnect(Connections.Connection connection, boolean keepUnrevoked) {
        UUID tenantId = connection.tenantId();
        UUID connectionId = connection.id();
        if ("disconnected".equals(connection.status())) {
            return new Result(connectionId, "nothing_to_revoke");
        }
        String revocation = revoke(connection);
        if (keepUnrevoked && "failed".equals(revocation)) {
            return new Result(connectionId, revocation);
        }
        transactions.inTenant(tenantId, () -> {
            connections.disconnect(tenantId, connectionId, clock.instant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", connection.provider());
            details.put("revocation", revocation);
            if (keepUnrevoked) {
                details.put("reason", "integration_deleted");
            }
            audit.record(audit.forRequest(tenantId, "oauth.disconnected").withTarget("oauth_connection", connectionId)
                    .withChanges(AuditChanges.none().field("status", connection.status(), "disconnected")
                            .secret("accessToken").secret("refreshToken"))
                    .withDetails(details));
        });
        return new Result(connectionId, revocation);
    }

    private String revoke(Connections.Connection connection) {
        byte[] sealed = connection.refreshToken() != null ? connection.refreshToken() : connection.accessToken();
        if (sealed == null) {
            return "nothing_to_revoke";
        }
        var client = clients.forConnection(connection.tenantId(), connection.integrationId(), connection.provider());
        if (client.isEmpty() || "none".equals(client.get().settings().revocation())) {
            return "not_supported";
        }
        String field = connection.refreshToken() != null ? "refresh_token" : "access_token";
        try {
            String token = keyring.open(KeepingTokensFresh.context(connection.tenantId(), connection.id(), field), sealed);
            return endpoint.revoke(client.get(), token) ? "revoked" : "not_supported";
        } catch (ProviderCallFailed e) {
            log.warn("Revoking OAuth connection {} at {} failed ({}); erasing our copy anyway", connection.id(),
                    connection.provider(), e.error().type().value());
            return "failed";
        }
    }
}
