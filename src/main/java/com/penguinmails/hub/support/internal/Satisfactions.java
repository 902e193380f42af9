package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** {@code support_satisfaction}: one rating per ticket; rating again replaces it. */
@Repository
class Satisfactions {

    private static final String RATE = """
            insert into support_satisfaction (tenant_id, ticket_id, rating, comment, rated_at)
            values (:tenant, :ticket, :rating, :comment, :now)
            on conflict (tenant_id, ticket_id) do update set rating = excluded.rating, comment = excluded.comment,
                rated_at = excluded.rated_at""";
    private static final String READ = """
            select rating, comment, rated_at from support_satisfaction where tenant_id = :tenant and ticket_id = :ticket""";

    record Rating(int rating, String comment, Instant ratedAt) {
    }

    private final JdbcClient jdbc;

    Satisfactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void rate(UUID tenantId, UUID ticketId, int rating, String comment, Instant now) {
        jdbc.sql(RATE).param("tenant", tenantId).param("ticket", ticketId).param("rating", rating)
                .param("comment", comment).param("now", SqlValues.timestamp(now)).update();
    }

    Optional<Rating> rating(UUID tenantId, UUID ticketId) {
        return jdbc.sql(READ).param("tenant", tenantId).param("ticket", ticketId)
                .query((rs, row) -> new Rating(rs.getInt("rating"), rs.getString("comment"),
                        SqlValues.instant(rs, "rated_at"))).optional();
    }
}
