package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** {@code support_requests}: every request with its routing decision and the ticket it became, if any. */
@Repository
class SupportRequests {

    private static final String INSERT = """
            insert into support_requests (tenant_id, id, user_id, source, category, complexity, customer_tier, channel,
                rule, reason, ticket_id, created_at)
            values (:tenant, :id, :user, :source, :category, :complexity, :tier, :channel, :rule, :reason, :ticket, :now)""";
    private static final String ATTACH = """
            update support_requests set ticket_id = :ticket where tenant_id = :tenant and id = :id and ticket_id is null""";
    private static final String LOCK = """
            select user_id, channel, ticket_id from support_requests where tenant_id = :tenant and id = :id for update""";

    record Recorded(UUID tenantId, UUID id, UUID userId, String source, String category, String complexity,
                    String customerTier, Routing.Decision decision, UUID ticketId) {
    }

    /** A stored request, as far as turning it into a ticket needs. */
    record Stored(UUID userId, String channel, UUID ticketId) {
    }

    private final JdbcClient jdbc;

    SupportRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID record(Recorded r, Instant now) {
        UUID id = r.id() == null ? UUID.randomUUID() : r.id();
        jdbc.sql(INSERT).param("tenant", r.tenantId()).param("id", id).param("user", r.userId())
                .param("source", r.source()).param("category", r.category()).param("complexity", r.complexity())
                .param("tier", r.customerTier()).param("channel", r.decision().channel())
                .param("rule", r.decision().rule()).param("reason", r.decision().reason()).param("ticket", r.ticketId())
                .param("now", SqlValues.timestamp(now)).update();
        return id;
    }

    /** The tenant's request, locked until the transaction ends (two "still need help" clicks make one ticket). */
    Optional<Stored> lock(UUID tenantId, UUID requestId) {
        return jdbc.sql(LOCK).param("tenant", tenantId).param("id", requestId)
                .query((rs, row) -> new Stored(rs.getObject("user_id", UUID.class), rs.getString("channel"),
                        rs.getObject("ticket_id", UUID.class))).optional();
    }

    /** A help-center-first request whose asker still wanted a ticket: no longer a deflection. */
    boolean attachTicket(UUID tenantId, UUID requestId, UUID ticketId) {
        return jdbc.sql(ATTACH).param("tenant", tenantId).param("id", requestId).param("ticket", ticketId).update() == 1;
    }
}
