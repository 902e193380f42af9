package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.tenancy.CurrentUser;

/** Sign-in sessions, stored by the SHA-256 of their token. */
@Repository
class Sessions {

    private static final String INSERT = """
            insert into sessions (token_hash, user_id, created_at, expires_at, last_seen_at, client_address, user_agent)
            values (:hash, :user, :now, :expires, :now, :address, :agent)""";
    private static final String ACTIVE = """
            select u.id, u.email, u.name, u.email_verified, s.last_seen_at, sm.role as staff_role
            from sessions s
            join users u on u.id = s.user_id
            left join staff_members sm on sm.user_id = u.id and sm.is_staff
            where s.token_hash = :hash and s.revoked_at is null
              and s.expires_at > :now and s.last_seen_at > :idleCutoff""";
    private static final String TOUCH = """
            update sessions set last_seen_at = :now where token_hash = :hash and last_seen_at < :touchCutoff""";
    private static final String REVOKE = """
            update sessions set revoked_at = :now where token_hash = :hash and revoked_at is null""";
    private static final String REVOKE_ALL = """
            update sessions set revoked_at = :now where user_id = :user and revoked_at is null""";

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] hash, UUID userId, Instant now, Instant expires, String address, String agent) {
        jdbc.sql(INSERT).param("hash", hash).param("user", userId)
                .param("now", SqlValues.timestamp(now)).param("expires", SqlValues.timestamp(expires))
                .param("address", address).param("agent", agent)
                .update();
    }

    record ActiveSession(CurrentUser user, Instant lastSeenAt) {
    }

    Optional<ActiveSession> active(byte[] hash, Instant now, Instant idleCutoff) {
        return jdbc.sql(ACTIVE).param("hash", hash).param("now", SqlValues.timestamp(now))
                .param("idleCutoff", SqlValues.timestamp(idleCutoff))
                .query((rs, n) -> {
                    String staffRole = rs.getString("staff_role");
                    CurrentUser user = new CurrentUser(rs.getObject("id", UUID.class), rs.getString("email"),
                            rs.getString("name"), staffRole != null, staffRole, rs.getBoolean("email_verified"));
                    return new ActiveSession(user, SqlValues.instant(rs, "last_seen_at"));
                })
                .optional();
    }

    void touch(byte[] hash, Instant now, Instant touchCutoff) {
        jdbc.sql(TOUCH).param("hash", hash).param("now", SqlValues.timestamp(now))
                .param("touchCutoff", SqlValues.timestamp(touchCutoff)).update();
    }

    boolean revoke(byte[] hash, Instant now) {
        return jdbc.sql(REVOKE).param("hash", hash).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    int revokeAll(UUID userId, Instant now) {
        return jdbc.sql(REVOKE_ALL).param("user", userId).param("now", SqlValues.timestamp(now)).update();
    }
}
