package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * {@code support_desk_events}: the outbox of events for the desk tenant's webhook endpoints. A row is
 * written in the ticket's own transaction; {@link DeskEventRelay} claims it across tenants and
 * publishes it in the desk tenant's transaction, which also deletes it.
 */
@Repository
class DeskEvents {

    private static final String INSERT = """
            insert into support_desk_events (tenant_id, id, ticket_id, event_type, data, created_at, next_attempt_at)
            values (:tenant, :id, :ticket, :type, cast(:data as jsonb), :now, :now)""";
    private static final String CLAIM = "select * from claim_support_desk_events(:now, :lease, :max)";
    private static final String FINISH = "select finish_support_desk_event(:tenant, :id)";

    record Claimed(UUID tenantId, UUID id, String eventType, Map<String, Object> data, int attempts) {
    }

    private final JdbcClient jdbc;
    private final SqlValues values;

    DeskEvents(JdbcClient jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    void enqueue(UUID tenantId, UUID ticketId, String type, Map<String, Object> data, Instant now) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", UUID.randomUUID()).param("ticket", ticketId)
                .param("type", type).param("data", values.jsonb(data)).param("now", SqlValues.timestamp(now)).update();
    }

    /** Claims up to {@code max} due events for {@code leaseSeconds} (any node, {@code SKIP LOCKED}). */
    List<Claimed> claim(Instant now, int leaseSeconds, int max) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("lease", leaseSeconds).param("max", max)
                .query((rs, row) -> new Claimed(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getString("event_type"), values.jsonbMap(rs, "data"), rs.getInt("attempts"))).list();
    }

    /** Deletes a relayed (or abandoned) event; false when another node already did. */
    boolean finish(Claimed event) {
        return jdbc.sql(FINISH).param("tenant", event.tenantId()).param("id", event.id()).query(Boolean.class).single();
    }
}
