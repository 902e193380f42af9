package com.penguinmails.hub.security.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code api_keys} table. The key itself is never stored, only its hash and public prefix. */
@Repository
class ApiKeys {

    private static final String INSERT = """
            insert into api_keys (tenant_id, id, name, prefix, key_hash, scopes, created_at, expires_at)
            values (:tenant, :id, :name, :prefix, :hash, cast(:scopes as text[]), :now, :expires)""";
    private static final String COLUMNS = """
            select tenant_id, id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at from api_keys
            """;
    private static final String OF_TENANT = COLUMNS + "where tenant_id = :tenant order by created_at desc, id";
    private static final String ONE = COLUMNS + "where tenant_id = :tenant and id = :id";
    private static final String REVOKE = """
            update api_keys set revoked_at = :now where tenant_id = :tenant and id = :id and revoked_at is null""";
    private static final String FIND = "select * from hub_find_api_key(:prefix, :hash)";
    private static final String TOUCH = """
            update api_keys set last_used_at = :now
            where tenant_id = :tenant and id = :id and (last_used_at is null or last_used_at < :touchCutoff)""";

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredKey(UUID tenantId, UUID id, String name, String prefix, Set<Scope> scopes, Instant createdAt,
                     Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** What the lookup function returns for a presented key: enough to decide, nothing secret. */
    record FoundKey(UUID tenantId, UUID id, Set<Scope> scopes, Instant expiresAt, Instant revokedAt,
                    Instant lastUsedAt) {
    }

    void insert(StoredKey key, byte[] hash) {
        String scopes = "{" + String.join(",", key.scopes().stream().map(Scope::value).sorted().toList()) + "}";
        jdbc.sql(INSERT).param("tenant", key.tenantId()).param("id", key.id()).param("name", key.name())
                .param("prefix", key.prefix()).param("hash", hash).param("scopes", scopes)
                .param("now", SqlValues.timestamp(key.createdAt()))
                .param("expires", SqlValues.timestamp(key.expiresAt()))
                .update();
    }

    List<StoredKey> ofTenant(UUID tenantId) {
        return jdbc.sql(OF_TENANT).param("tenant", tenantId).query(this::map).list();
    }

    Optional<StoredKey> find(UUID tenantId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    boolean revoke(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql(REVOKE).param("tenant", tenantId).param("id", id).param("now", SqlValues.timestamp(now))
                .update() == 1;
    }

    /** Runs with no tenant in scope: the security-definer function finds the key by prefix and full hash. */
    Optional<FoundKey> lookup(String prefix, byte[] hash) {
        return jdbc.sql(FIND).param("prefix", prefix).param("hash", hash)
                .query((rs, n) -> new FoundKey(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        scopes(rs), SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "revoked_at"),
                        SqlValues.instant(rs, "last_used_at")))
                .optional();
    }

    void touch(UUID tenantId, UUID id, Instant now, Instant touchCutoff) {
        jdbc.sql(TOUCH).param("tenant", tenantId).param("id", id).param("now", SqlValues.timestamp(now))
                .param("touchCutoff", SqlValues.timestamp(touchCutoff)).update();
    }

    private StoredKey map(ResultSet rs, int row) throws SQLException {
        return new StoredKey(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("name"), rs.getString("prefix"), scopes(rs), SqlValues.instant(rs, "created_at"),
                SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "last_used_at"),
                SqlValues.instant(rs, "revoked_at"));
    }

    private static Set<Scope> scopes(ResultSet rs) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Array array = rs.getArray("scopes");
        for (String value : (String[]) array.getArray()) {
            Scope.parse(value).ifPresent(scopes::add);
        }
        return scopes;
    }
}
