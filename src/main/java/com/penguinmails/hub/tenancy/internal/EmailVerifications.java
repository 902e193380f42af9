package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** Single-use email-verification tokens, stored by hash. */
@Repository
class EmailVerifications {

    private static final String INSERT = """
            insert into email_verifications (token_hash, user_id, email, created_at, expires_at)
            values (:hash, :user, :email, :now, :expires)""";
    private static final String CONSUME = """
            update email_verifications set used_at = :now
            where token_hash = :hash and used_at is null and expires_at > :now
            returning user_id, email""";

    private static final String SENT_SINCE = """
            select created_at from email_verifications where user_id = :user and created_at > :since
            order by created_at""";

    private final JdbcClient jdbc;

    EmailVerifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] hash, UUID userId, String email, Instant now, Instant expires) {
        jdbc.sql(INSERT).param("hash", hash).param("user", userId).param("email", email)
                .param("now", SqlValues.timestamp(now)).param("expires", SqlValues.timestamp(expires))
                .update();
    }

    /** When the user's tokens issued after {@code since} were created, oldest first. */
    java.util.List<Instant> issuedSince(UUID userId, Instant since) {
        return jdbc.sql(SENT_SINCE).param("user", userId).param("since", SqlValues.timestamp(since))
                .query((rs, n) -> SqlValues.instant(rs, "created_at")).list();
    }

    record Consumed(UUID userId, String email) {
    }

    /** Marks the token used, when it is unused and unexpired; a second use finds nothing. */
    Optional<Consumed> consume(byte[] hash, Instant now) {
        return jdbc.sql(CONSUME).param("hash", hash).param("now", SqlValues.timestamp(now))
                .query((rs, n) -> new Consumed(rs.getObject("user_id", UUID.class), rs.getString("email")))
                .optional();
    }
}
