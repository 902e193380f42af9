package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** {@code support_sla_events}: one warning and one breach at most per ticket and target (the key says so). */
@Repository
class SlaEvents {

    private static final String RECORD = """
            insert into support_sla_events (tenant_id, ticket_id, target, kind, due_at, occurred_at)
            values (:tenant, :ticket, :target, :kind, :due, :now) on conflict do nothing""";
    private static final String OF_TICKET = """
            select target, kind, due_at, occurred_at from support_sla_events where tenant_id = :tenant and ticket_id = :ticket
            order by occurred_at""";
    private static final String CLAIM = "select tenant_id, id from claim_support_sla_checks(:now, :lease, :max)";

    record SlaEvent(String target, String kind, Instant dueAt, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    SlaEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; false when it was already recorded (then nothing is to be announced). */
    boolean record(UUID tenantId, UUID ticketId, String target, String kind, Instant due, Instant now) {
        return jdbc.sql(RECORD).param("tenant", tenantId).param("ticket", ticketId).param("target", target)
                .param("kind", kind).param("due", SqlValues.timestamp(due)).param("now", SqlValues.timestamp(now))
                .update() == 1;
    }

    List<SlaEvent> of(UUID tenantId, UUID ticketId) {
        return jdbc.sql(OF_TICKET).param("tenant", tenantId).param("ticket", ticketId)
                .query((rs, row) -> new SlaEvent(rs.getString("target"), rs.getString("kind"),
                        SqlValues.instant(rs, "due_at"), SqlValues.instant(rs, "occurred_at"))).list();
    }

    Set<String> recorded(UUID tenantId, UUID ticketId) {
        Set<String> keys = new HashSet<>();
        of(tenantId, ticketId).forEach(e -> keys.add(e.target() + ":" + e.kind()));
        return keys;
    }

    List<Tickets.TicketRef> claim(Instant now, int leaseSeconds, int max) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("lease", leaseSeconds).param("max", max)
                .query((rs, row) -> new Tickets.TicketRef(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("id", UUID.class))).list();
    }
}
