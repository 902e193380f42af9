package com.penguinmails.hub.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.tenancy.TenantRole;

/** The {@code tenant_invitations} table: invitations by email address, their tokens stored as SHA-256. */
@Repository
class Invitations {

    private static final String COLUMNS = """
            select tenant_id, id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at
            from tenant_invitations
            """;
    private static final String OPEN = COLUMNS + """
            where tenant_id = :tenant and accepted_at is null and revoked_at is null and expires_at > :now
            order by created_at, id""";
    private static final String LOCK = COLUMNS + "where tenant_id = :tenant and id = :id for update";
    private static final String INSERT = """
            insert into tenant_invitations (tenant_id, id, token_hash, email, role, invited_by, created_at, expires_at)
            values (:tenant, :id, :hash, :email, :role, :by, :now, :expires)""";
    private static final String REVOKE_FOR_EMAIL = """
            update tenant_invitations set revoked_at = :now
            where tenant_id = :tenant and lower(email) = lower(:email) and accepted_at is null and revoked_at is null""";
    private static final String REVOKE = """
            update tenant_invitations set revoked_at = :now
            where tenant_id = :tenant and id = :id and accepted_at is null and revoked_at is null and expires_at > :now""";
    private static final String ACCEPT = """
            update tenant_invitations set accepted_at = :now, accepted_by = :user
            where tenant_id = :tenant and id = :id and accepted_at is null and revoked_at is null and expires_at > :now""";
    private static final String FIND = "select tenant_id, id from find_tenant_invitation(:hash)";

    record Invitation(UUID tenantId, UUID id, String email, TenantRole role, UUID invitedBy, Instant createdAt,
                      Instant expiresAt, Instant acceptedAt, Instant revokedAt) {

        boolean open(Instant now) {
            return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
        }
    }

    record Key(UUID tenantId, UUID id) {
    }

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the invitation with this token hash is (any tenant, outside a tenant's scope). */
    Optional<Key> locate(byte[] tokenHash) {
        return jdbc.sql(FIND).param("hash", tokenHash)
                .query((rs, n) -> new Key(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class)))
                .optional();
    }

    Optional<Invitation> lock(UUID tenantId, UUID id) {
        return jdbc.sql(LOCK).param("tenant", tenantId).param("id", id).query(Invitations::map).optional();
    }

    List<Invitation> open(UUID tenantId, Instant now) {
        return jdbc.sql(OPEN).param("tenant", tenantId).param("now", SqlValues.timestamp(now))
                .query(Invitations::map).list();
    }

    void insert(UUID tenantId, UUID id, byte[] tokenHash, String email, TenantRole role, UUID invitedBy,
                Instant now, Instant expires) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", id).param("hash", tokenHash).param("email", email)
                .param("role", role.value()).param("by", invitedBy).param("now", SqlValues.timestamp(now))
                .param("expires", SqlValues.timestamp(expires)).update();
    }

    /** Revokes the address's open invitation, if any (a new one replaces it). */
    void revokeFor(UUID tenantId, String email, Instant now) {
        jdbc.sql(REVOKE_FOR_EMAIL).param("tenant", tenantId).param("email", email)
                .param("now", SqlValues.timestamp(now)).update();
    }

    boolean revoke(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql(REVOKE).param("tenant", tenantId).param("id", id).param("now", SqlValues.timestamp(now))
                .update() == 1;
    }

    boolean accept(UUID tenantId, UUID id, UUID userId, Instant now) {
        return jdbc.sql(ACCEPT).param("tenant", tenantId).param("id", id).param("user", userId)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    private static Invitation map(ResultSet rs, int n) throws SQLException {
        return new Invitation(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("email"), TenantRole.parse(rs.getString("role")).orElseThrow(),
                rs.getObject("invited_by", UUID.class), SqlValues.instant(rs, "created_at"),
                SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "accepted_at"),
                SqlValues.instant(rs, "revoked_at"));
    }
}
