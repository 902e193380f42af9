package com.penguinmails.hub.oauth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.oauth.OAuthConnections;
import com.penguinmails.hub.oauth.OAuthTokenUnavailable;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;

/**
 * Access tokens on demand, and the refresh behind them. A refresh holds the connection's lease
 * ({@code refresh_lease_until}, taken with one conditional UPDATE), so across all hub nodes one
 * refresh runs per connection; others wait for its result. The provider is called outside any
 * transaction; the new access token and a rotated refresh token are stored in one statement. A dead
 * grant ({@code invalid_grant}) or {@code max-refresh-failures} failures in a row expire the
 * connection; other failures wait out {@code failure-cooldown}.
 */
@Service
class KeepingTokensFresh implements OAuthConnections {

    private static final Logger log = LoggerFactory.getLogger(KeepingTokensFresh.class);
    static final String TABLE = "oauth_connections";
    /** A token this close to its expiry is refreshed before it is handed out. */
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final long WAIT_STEP_MILLIS = 100;

    sealed interface Outcome {
    }

    record Refreshed(String accessToken) implements Outcome {
        @Override
        public String toString() {
            return "Refreshed";
        }
    }

    record NotNeeded() implements Outcome {
    }

    record Busy() implements Outcome {
    }

    record Failed(String reason, boolean expired) implements Outcome {
    }

    private final Connections connections;
    private final OAuthClients clients;
    private final TokenEndpoint endpoint;
    private final Keyring keyring;
    private final TenantTransactions transactions;
    private final ExpiringConnections expiring;
    private final AuditLog audit;
    private final OAuthProperties properties;
    private final Clock clock;

    KeepingTokensFresh(Connections connections, OAuthClients clients, TokenEndpoint endpoint, Keyring keyring,
                       TenantTransactions transactions, ExpiringConnections expiring, AuditLog audit,
                       OAuthProperties properties, Clock clock) {
        this.connections = connections;
        this.clients = clients;
        this.endpoint = endpoint;
        this.keyring = keyring;
        this.transactions = transactions;
        this.expiring = expiring;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Optional<Connection> find(UUID tenantId, UUID connectionId) {
        return transactions.readInTenant(tenantId, () -> connections.find(tenantId, connectionId))
                .map(KeepingTokensFresh::view);
    }

    static Connection view(Connections.Connection c) {
        return new Connection(c.tenantId(), c.id(), c.integrationId(), c.provider(), c.accountEmail(), c.scopes(),
                c.status(), c.accessExpiresAt());
    }

    @Override
    public String accessToken(UUID tenantId, UUID connectionId) {
        Connections.Connection connection = usable(tenantId, connectionId);
        if (connection.accessExpiresAt() != null && connection.accessExpiresAt().isAfter(clock.instant().plus(MARGIN))) {
            return open(connection, "access_token", connection.accessToken());
        }
        int seen = connection.tokenVersion();
        return refreshOrWait(tenantId, connectionId, seen, c -> c.tokenVersion() == seen, true);
    }

    @Override
    public String refreshedAccessToken(UUID tenantId, UUID connectionId, String rejected) {
        Connections.Connection connection = usable(tenantId, connectionId);
        String current = open(connection, "access_token", connection.accessToken());
        if (!current.equals(rejected)) {
            return current;
        }
        int seen = connection.tokenVersion();
        return refreshOrWait(tenantId, connectionId, seen, c -> c.tokenVersion() == seen, false);
    }

    /**
     * Refreshes, or waits for the refresh another caller runs. When the refresh fails but the stored token
     * has not expired yet, {@code orStillValid} hands that one out rather than failing the caller.
     */
    private String refreshOrWait(UUID tenantId, UUID connectionId, int seenVersion,
                                 Predicate<Connections.Connection> stillNeeded, boolean orStillValid) {
        long deadline = System.nanoTime() + properties.refreshLease().plusSeconds(5).toNanos();
        while (true) {
            Outcome outcome = refresh(tenantId, connectionId, stillNeeded);
            if (outcome instanceof Refreshed refreshed) {
                return refreshed.accessToken();
            }
            if (outcome instanceof Failed failed) {
                if (orStillValid && !failed.expired()) {
                    Connections.Connection current = usable(tenantId, connectionId);
                    if (current.accessExpiresAt() != null && current.accessExpiresAt().isAfter(clock.instant())) {
                        return open(current, "access_token", current.accessToken());
                    }
                }
                throw new OAuthTokenUnavailable(failed.expired() ? "connection_expired" : "refresh_failed",
                        "The access token could not be refreshed: " + failed.reason());
            }
            Connections.Connection now = usable(tenantId, connectionId);
            if (now.tokenVersion() != seenVersion) {
                return open(now, "access_token", now.accessToken());
            }
            if (System.nanoTime() > deadline) {
                throw new OAuthTokenUnavailable("refresh_busy", "Another hub node is refreshing this connection");
            }
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OAuthTokenUnavailable("refresh_busy", "Interrupted while waiting for a refresh");
            }
        }
    }

    /**
     * One refresh of a connection under its lease; {@code stillNeeded} is checked once the lease is
     * held (another node may have refreshed it meanwhile). Call outside any transaction.
     */
    Outcome refresh(UUID tenantId, UUID connectionId, Predicate<Connections.Connection> stillNeeded) {
        UUID lease = UUID.randomUUID();
        Instant leasedAt = clock.instant();
        boolean taken = transactions.inTenant(tenantId, () -> connections.lease(tenantId, connectionId, lease,
                leasedAt, leasedAt.plus(properties.refreshLease())));
        if (!taken) {
            return new Busy();
        }
        Connections.Connection connection = transactions.readInTenant(tenantId,
                () -> connections.find(tenantId, connectionId)).orElseThrow();
        if (connection.refreshNotBefore() != null && connection.refreshNotBefore().isAfter(clock.instant())) {
            transactions.inTenant(tenantId, () -> connections.release(tenantId, connectionId, lease));
            return new Failed("the last refresh failed (" + connection.lastError() + "); cooling down until "
                    + connection.refreshNotBefore(), false);
        }
        if (!stillNeeded.test(connection)) {
            transactions.inTenant(tenantId, () -> connections.release(tenantId, connectionId, lease));
            return new NotNeeded();
        }
        try {
            OAuthClients.Client client = clients.forConnection(tenantId, connection.integrationId(),
                    connection.provider()).orElseThrow(() -> new TokenEndpoint.Refused("provider_unknown",
                    "The connection's provider or integration no longer exists"));
            TokenEndpoint.Issued issued = endpoint.refresh(client, open(connection, "refresh_token",
                    connection.refreshToken()));
            Connections.Tokens sealed = new Connections.Tokens(
                    seal(connection, "access_token", issued.accessToken()),
                    issued.refreshToken() == null ? null : seal(connection, "refresh_token", issued.refreshToken()),
                    issued.expiresAt(), issued.scopes());
            boolean stored = transactions.inTenant(tenantId, () -> connections.refreshed(tenantId, connectionId, lease,
                    sealed, clock.instant()));
            if (!stored) {
                log.warn("OAuth connection {} changed while it was refreshed; the refresh is discarded", connectionId);
                return new Busy();
            }
            log.info("Refreshed OAuth connection {} of tenant {} ({}{})", connectionId, tenantId, connection.provider(),
                    issued.refreshToken() == null ? "" : ", refresh token rotated");
            return new Refreshed(issued.accessToken());
        } catch (ProviderCallFailed e) {
            IntegrationError error = e.error();
            boolean deadGrant = error.type() == ErrorType.AUTHENTICATION || error.type() == ErrorType.AUTHORIZATION;
            return failed(connection, lease, error.type().value() + ": " + error.message(), deadGrant,
                    incident(error.incidentId()));
        } catch (TokenEndpoint.Refused e) {
            return failed(connection, lease, e.getMessage(), "invalid_grant".equals(e.error), null);
        } catch (RuntimeException e) {
            log.error("Refreshing OAuth connection {} failed", connectionId, e);
            return failed(connection, lease, e.getClass().getSimpleName(), false, null);
        }
    }

    private Failed failed(Connections.Connection connection, UUID lease, String reason, boolean deadGrant,
                          UUID incident) {
        Instant now = clock.instant();
        int failures = transactions.inTenant(connection.tenantId(), () -> {
            int count = connections.failed(connection.tenantId(), connection.id(), lease, reason,
                    now.plus(properties.failureCooldown()));
            audit.record(audit.forRequest(connection.tenantId(), "oauth.refresh_failed")
                    .withTarget("oauth_connection", connection.id())
                    .withDetails(java.util.Map.of("provider", connection.provider(), "reason", reason,
                            "failures", count)));
            return count;
        });
        boolean expire = deadGrant || failures >= properties.maxRefreshFailures();
        log.warn("Refreshing OAuth connection {} of tenant {} failed ({} in a row){}: {}", connection.id(),
                connection.tenantId(), failures, expire ? ", expiring it" : "", reason);
        if (expire) {
            expiring.expire(connection, deadGrant ? reason : failures + " refreshes failed in a row; last: " + reason,
                    incident);
        }
        return new Failed(reason, expire);
    }

    private Connections.Connection usable(UUID tenantId, UUID connectionId) {
        Connections.Connection connection = transactions.readInTenant(tenantId,
                        () -> connections.find(tenantId, connectionId))
                .orElseThrow(() -> new OAuthTokenUnavailable("connection_not_found", "No such OAuth connection"));
        return switch (connection.status()) {
            case "active" -> connection;
            case "expired" -> throw new OAuthTokenUnavailable("connection_expired",
                    "The connection expired; the account must be connected again");
            default -> throw new OAuthTokenUnavailable("connection_disconnected", "The connection was disconnected");
        };
    }

    String open(Connections.Connection connection, String field, byte[] sealed) {
        if (sealed == null) {
            throw new OAuthTokenUnavailable("connection_expired", "The connection holds no " + field.replace('_', ' '));
        }
        return keyring.open(context(connection.tenantId(), connection.id(), field), sealed);
    }

    private byte[] seal(Connections.Connection connection, String field, String value) {
        return keyring.seal(context(connection.tenantId(), connection.id(), field), value);
    }

    static SecretContext context(UUID tenantId, UUID connectionId, String field) {
        return new SecretContext(tenantId, TABLE, connectionId, field);
    }

    private static UUID incident(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
