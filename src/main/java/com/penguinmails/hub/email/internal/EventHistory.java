package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code email_events} table: every normalised event, once per provider event id. */
@Repository
class EventHistory {

    private static final String INSERT = """
            insert into email_events (tenant_id, id, message_id, recipient, type, bounce_kind, provider, provider_event_id,
                                      occurred_at, recorded_at, details)
            values (:tenant, :id, :message, :recipient, :type, :bounce, :provider, :providerEventId, :occurred, :now,
                    cast(:details as jsonb))
            on conflict (tenant_id, provider, provider_event_id) do nothing""";
    private static final String OF_MESSAGES = """
            select e.message_id, e.id, e.recipient, e.type, e.bounce_kind, e.provider, e.provider_event_id, e.occurred_at,
                   e.recorded_at, e.details::text
            from (select distinct unnest(cast(:messages as uuid[]))) as k (message)
            join email_events e on e.tenant_id = :tenant and e.message_id = k.message
            order by e.message_id, e.occurred_at, e.recorded_at""";

    record Stored(UUID id, String recipient, String type, String bounceKind, String provider, String providerEventId,
                  Instant occurredAt, Instant recordedAt, String detailsJson) {
    }

    private final JdbcClient jdbc;
    private final SqlValues values;

    EventHistory(JdbcClient jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    /** False when the provider's event was recorded before. */
    boolean insert(UUID tenantId, UUID id, UUID messageId, String recipient, String type, String bounceKind,
                   String provider, String providerEventId, Instant occurredAt, Instant now, Map<String, Object> details) {
        return jdbc.sql(INSERT).param("tenant", tenantId).param("id", id).param("message", messageId)
                .param("recipient", recipient).param("type", type).param("bounce", bounceKind)
                .param("provider", provider).param("providerEventId", providerEventId)
                .param("occurred", SqlValues.timestamp(occurredAt)).param("now", SqlValues.timestamp(now))
                .param("details", values.jsonb(details)).update() == 1;
    }

    /** The events of several messages, by message, each message's in the order they happened. */
    Map<UUID, List<Stored>> ofMessages(UUID tenantId, java.util.Collection<UUID> messageIds) {
        Map<UUID, List<Stored>> byMessage = new java.util.HashMap<>();
        if (!messageIds.isEmpty()) {
            jdbc.sql(OF_MESSAGES).param("tenant", tenantId)
                    .param("messages", SqlValues.uuids(messageIds))
                    .query(rs -> {
                        byMessage.computeIfAbsent(rs.getObject("message_id", UUID.class), m -> new java.util.ArrayList<>())
                                .add(map(rs, 0));
                    });
        }
        return byMessage;
    }

    private static Stored map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("type"),
                rs.getString("bounce_kind"), rs.getString("provider"), rs.getString("provider_event_id"),
                SqlValues.instant(rs, "occurred_at"), SqlValues.instant(rs, "recorded_at"), rs.getString("details"));
    }
}
