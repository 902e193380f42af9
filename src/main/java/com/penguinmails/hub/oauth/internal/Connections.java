package com.penguinmails.hub.oauth.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code oauth_connections} table: connected accounts and their sealed tokens. */
@Repository
class Connections {

    private static final String COLUMNS = """
            select tenant_id, id, integration_id, provider, account_subject, account_email, scopes, status,
                   access_token, refresh_token, access_expires_at, token_version, connected_by, connected_at,
                   last_refreshed_at, refresh_failures, refresh_not_before, refresh_lease, refresh_lease_until,
                   last_error, contacts_sync_marker
            from oauth_connections
            """;
    private static final String ONE = COLUMNS + "where tenant_id = :tenant and id = :id";
    private static final String BY_SUBJECT = COLUMNS
            + "where tenant_id = :tenant and integration_id = :integration and account_subject = :subject";
    private static final String LIST = COLUMNS + "where tenant_id = :tenant order by connected_at desc, id";
    private static final String HOLDING_TOKENS = COLUMNS + """
            where tenant_id = :tenant and integration_id = :integration
              and (access_token is not null or refresh_token is not null)
            order by connected_at, id""";
    private static final String INSERT = """
            insert into oauth_connections (tenant_id, id, integration_id, provider, account_subject, account_email,
                   scopes, status, access_token, refresh_token, access_expires_at, connected_by, connected_at,
                   last_refreshed_at)
            values (:tenant, :id, :integration, :provider, :subject, :email, cast(:scopes as text[]), 'active',
                    :access, :refresh, :expires, :by, :now, :now)""";
    private static final String RECONNECT = """
            update oauth_connections set account_email = :email, scopes = cast(:scopes as text[]), status = 'active',
                   access_token = :access, refresh_token = coalesce(:refresh, refresh_token),
                   access_expires_at = :expires, token_version = token_version + 1, connected_by = :by,
                   connected_at = :now, last_refreshed_at = :now, refresh_failures = 0, refresh_not_before = null,
                   refresh_lease = null, refresh_lease_until = null, last_error = null, disconnected_at = null
            where tenant_id = :tenant and id = :id""";
    private static final String LEASE = """
            update oauth_connections set refresh_lease = :lease, refresh_lease_until = :until
            where tenant_id = :tenant and id = :id and status = 'active' and refresh_token is not null
              and (refresh_lease_until is null or refresh_lease_until <= :now)""";
    private static final String REFRESHED = """
            update oauth_connections set access_token = :access, refresh_token = coalesce(:refresh, refresh_token),
                   access_expires_at = :expires, scopes = coalesce(cast(:scopes as text[]), scopes),
                   token_version = token_version + 1, last_refreshed_at = :now, refresh_failures = 0,
                   refresh_not_before = null, refresh_lease = null, refresh_lease_until = null, last_error = null
            where tenant_id = :tenant and id = :id and refresh_lease = :lease""";
    private static final String RELEASE = """
            update oauth_connections set refresh_lease = null, refresh_lease_until = null
            where tenant_id = :tenant and id = :id and refresh_lease = :lease""";
    private static final String FAILED = """
            update oauth_connections set refresh_failures = refresh_failures + 1, refresh_not_before = :notBefore,
                   last_error = :error, refresh_lease = null, refresh_lease_until = null
            where tenant_id = :tenant and id = :id and refresh_lease = :lease
            returning refresh_failures""";
    private static final String EXPIRE = """
            update oauth_connections set status = 'expired', access_token = null, refresh_token = null,
                   refresh_lease = null, refresh_lease_until = null, last_error = :error
            where tenant_id = :tenant and id = :id and status = 'active'""";
    private static final String DISCONNECT = """
            update oauth_connections set status = 'disconnected', access_token = null, refresh_token = null,
                   access_expires_at = null, refresh_lease = null, refresh_lease_until = null,
                   disconnected_at = :now, contacts_sync_marker = null
            where tenant_id = :tenant and id = :id and status <> 'disconnected'""";
    private static final String SYNC_MARKER = """
            update oauth_connections set contacts_sync_marker = :marker where tenant_id = :tenant and id = :id""";
    private static final String DUE = "select tenant_id, id from due_oauth_refreshes(:now, :ahead, :idle, :max)";

    record Connection(UUID tenantId, UUID id, UUID integrationId, String provider, String accountSubject,
                      String accountEmail, List<String> scopes, String status, byte[] accessToken,
                      byte[] refreshToken, Instant accessExpiresAt, int tokenVersion, UUID connectedBy,
                      Instant connectedAt, Instant lastRefreshedAt, int refreshFailures, Instant refreshNotBefore,
                      UUID refreshLease, Instant refreshLeaseUntil, String lastError, String contactsSyncMarker) {

        @Override
        public String toString() {
            // never the sealed tokens
            return "Connection[" + tenantId + "/" + id + ", " + provider + ", " + status + "]";
        }
    }

    /** Sealed tokens and their expiry, as a token response gave them; {@code refreshToken} null = keep the old one. */
    record Tokens(byte[] accessToken, byte[] refreshToken, Instant expiresAt, List<String> scopes) {
    }

    record Key(UUID tenantId, UUID id) {
    }

    private final JdbcClient jdbc;

    Connections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Connection> find(UUID tenantId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id).query(Connections::map).optional();
    }

    Optional<Connection> bySubject(UUID tenantId, UUID integrationId, String subject) {
        return jdbc.sql(BY_SUBJECT).param("tenant", tenantId).param("integration", integrationId)
                .param("subject", subject).query(Connections::map).optional();
    }

    List<Connection> list(UUID tenantId) {
        return jdbc.sql(LIST).param("tenant", tenantId).query(Connections::map).list();
    }

    /** The integration's connections that still hold tokens (whose grants may be live at the provider). */
    List<Connection> holdingTokens(UUID tenantId, UUID integrationId) {
        return jdbc.sql(HOLDING_TOKENS).param("tenant", tenantId).param("integration", integrationId)
                .query(Connections::map).list();
    }

    void insert(UUID tenantId, UUID id, UUID integrationId, String provider, String subject, String email,
                Tokens tokens, UUID connectedBy, Instant now) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", id).param("integration", integrationId)
                .param("provider", provider).param("subject", subject).param("email", email)
                .param("scopes", array(tokens.scopes())).param("access", tokens.accessToken())
                .param("refresh", tokens.refreshToken()).param("expires", SqlValues.timestamp(tokens.expiresAt()))
                .param("by", connectedBy).param("now", SqlValues.timestamp(now)).update();
    }

    void reconnect(UUID tenantId, UUID id, String email, Tokens tokens, UUID connectedBy, Instant now) {
        jdbc.sql(RECONNECT).param("tenant", tenantId).param("id", id).param("email", email)
                .param("scopes", array(tokens.scopes())).param("access", tokens.accessToken())
                .param("refresh", tokens.refreshToken()).param("expires", SqlValues.timestamp(tokens.expiresAt()))
                .param("by", connectedBy).param("now", SqlValues.timestamp(now)).update();
    }

    /** Takes the connection's refresh lock unless another holder's lease still runs; true when taken. */
    boolean lease(UUID tenantId, UUID id, UUID lease, Instant now, Instant until) {
        return jdbc.sql(LEASE).param("tenant", tenantId).param("id", id).param("lease", lease)
                .param("now", SqlValues.timestamp(now)).param("until", SqlValues.timestamp(until)).update() == 1;
    }

    /** Stores a refresh's tokens (the rotated refresh token with them, in one statement) and releases the lock. */
    boolean refreshed(UUID tenantId, UUID id, UUID lease, Tokens tokens, Instant now) {
        return jdbc.sql(REFRESHED).param("tenant", tenantId).param("id", id).param("lease", lease)
                .param("access", tokens.accessToken()).param("refresh", tokens.refreshToken())
                .param("expires", SqlValues.timestamp(tokens.expiresAt()))
                .param("scopes", tokens.scopes() == null || tokens.scopes().isEmpty() ? null : array(tokens.scopes()))
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    void release(UUID tenantId, UUID id, UUID lease) {
        jdbc.sql(RELEASE).param("tenant", tenantId).param("id", id).param("lease", lease).update();
    }

    /** Records a failed refresh and releases the lock; answers the failures in a row (0 if the lock was lost). */
    int failed(UUID tenantId, UUID id, UUID lease, String error, Instant notBefore) {
        return jdbc.sql(FAILED).param("tenant", tenantId).param("id", id).param("lease", lease)
                .param("error", shorten(error)).param("notBefore", SqlValues.timestamp(notBefore))
                .query(Integer.class).optional().orElse(0);
    }

    boolean expire(UUID tenantId, UUID id, String error) {
        return jdbc.sql(EXPIRE).param("tenant", tenantId).param("id", id).param("error", shorten(error)).update() == 1;
    }

    boolean disconnect(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql(DISCONNECT).param("tenant", tenantId).param("id", id)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    void syncMarker(UUID tenantId, UUID id, String marker) {
        jdbc.sql(SYNC_MARKER).param("tenant", tenantId).param("id", id).param("marker", marker).update();
    }

    List<Key> due(Instant now, long aheadSeconds, long idleSeconds, int max) {
        return jdbc.sql(DUE).param("now", SqlValues.timestamp(now)).param("ahead", (int) aheadSeconds)
                .param("idle", (int) Math.min(idleSeconds, Integer.MAX_VALUE)).param("max", max)
                .query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    static String shorten(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static Connection map(ResultSet rs, int n) throws SQLException {
        return new Connection(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("integration_id", UUID.class), rs.getString("provider"), rs.getString("account_subject"),
                rs.getString("account_email"), Arrays.asList((String[]) rs.getArray("scopes").getArray()),
                rs.getString("status"), rs.getBytes("access_token"), rs.getBytes("refresh_token"),
                SqlValues.instant(rs, "access_expires_at"), rs.getInt("token_version"),
                rs.getObject("connected_by", UUID.class), SqlValues.instant(rs, "connected_at"),
                SqlValues.instant(rs, "last_refreshed_at"), rs.getInt("refresh_failures"),
                SqlValues.instant(rs, "refresh_not_before"), rs.getObject("refresh_lease", UUID.class),
                SqlValues.instant(rs, "refresh_lease_until"), rs.getString("last_error"),
                rs.getString("contacts_sync_marker"));
    }
}
