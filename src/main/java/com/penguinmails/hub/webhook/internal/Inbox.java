package com.penguinmails.hub.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.webhook.InboundEvent;

/** The {@code webhook_inbox} table. */
@Repository
class Inbox {

    private static final String INSERT = """
            insert into webhook_inbox (tenant_id, id, provider, integration_id, dedup_key, event_type, occurred_at,
                                       received_at, user_agent, client_address, payload, next_attempt_at)
            values (:tenant, :id, :provider, :integration, :dedup, :type, :occurred, :now, :agent, :address,
                    cast(:payload as jsonb), :now)
            on conflict (tenant_id, provider, dedup_key) do nothing""";
    /** Many events of one request in one statement: a SendGrid batch costs one round trip, not a hundred. */
    private static final String INSERT_ALL = """
            insert into webhook_inbox (tenant_id, id, provider, integration_id, dedup_key, event_type, occurred_at,
                                       received_at, user_agent, client_address, payload, next_attempt_at)
            select :tenant, e.id, :provider, :integration, e.dedup, e.type, e.occurred, :now, :agent, :address,
                   e.payload::jsonb, :now
            from unnest(cast(:ids as uuid[]), cast(:dedups as text[]), cast(:types as text[]),
                        cast(:occurred as timestamptz[]), cast(:payloads as text[]))
                 as e (id, dedup, type, occurred, payload)
            on conflict (tenant_id, provider, dedup_key) do nothing""";
    private static final String CLAIM = "select tenant_id, id from claim_webhook_inbox(:now, :lease, :max)";
    private static final String SELECT = """
            select tenant_id, id, provider, integration_id, dedup_key, event_type, occurred_at, received_at,
                   user_agent, client_address, payload::text as payload, state, attempts, next_attempt_at,
                   last_error, processed_at
            from webhook_inbox
            """;
    private static final String ONE = SELECT + "where tenant_id = :tenant and id = :id";
    /**
     * The row locked for processing: a worker whose lease ran out while it still works on the event
     * holds this lock, so a second worker cannot claim the row (the claim skips locked rows) or, if
     * it claimed it already, waits here and then sees it done.
     */
    private static final String ONE_FOR_PROCESSING = ONE + " for update";
    private static final String PAGE = SELECT + """
            where tenant_id = :tenant
              and (cast(:state as text) is null or state = :state)
              and (cast(:provider as text) is null or provider = :provider)
              and (cast(:beforeAt as timestamptz) is null or (received_at, id) < (:beforeAt, :beforeId))
            order by received_at desc, id desc limit :limit""";
    private static final String FINISH = """
            update webhook_inbox set state = :state, attempts = attempts + 1, processed_at = :now,
                   locked_until = null, last_error = null
            where tenant_id = :tenant and id = :id""";
    private static final String FAILED_ATTEMPT = """
            update webhook_inbox set attempts = attempts + 1, last_error = :error, locked_until = null,
                   next_attempt_at = :next, state = case when attempts + 1 >= :max then 'failed' else 'pending' end
            where tenant_id = :tenant and id = :id
            returning state""";
    private static final String ROUTE = "select route_platform_inbox_event(:id, :tenant)";
    private static final String REQUEUE = """
            update webhook_inbox set state = 'pending', attempts = 0, next_attempt_at = :now, locked_until = null,
                   last_error = null
            where tenant_id = :tenant and id = :id and state in ('failed', 'ignored')""";

    record Stored(InboundEvent event, String state, String lastError, Instant processedAt, String userAgent,
                  String clientAddress) {
    }

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event unless the same one is already there; false means duplicate. */
    boolean insert(InboundEvent e, String userAgent, String clientAddress) {
        return jdbc.sql(INSERT).param("tenant", e.tenantId()).param("id", e.id()).param("provider", e.provider())
                .param("integration", e.integrationId()).param("dedup", e.dedupKey()).param("type", e.type())
                .param("occurred", SqlValues.timestamp(e.occurredAt())).param("now", SqlValues.timestamp(e.receivedAt()))
                .param("agent", userAgent).param("address", clientAddress).param("payload", e.payloadJson())
                .update() == 1;
    }

    /**
     * Stores the events of one request (same tenant, provider, integration and arrival); answers how
     * many were new.
     */
    int insertAll(List<InboundEvent> events, String userAgent, String clientAddress) {
        if (events.isEmpty()) {
            return 0;
        }
        if (events.size() == 1) {
            return insert(events.get(0), userAgent, clientAddress) ? 1 : 0;
        }
        InboundEvent first = events.get(0);
        return jdbc.sql(INSERT_ALL).param("tenant", first.tenantId()).param("provider", first.provider())
                .param("integration", first.integrationId()).param("now", SqlValues.timestamp(first.receivedAt()))
                .param("agent", userAgent).param("address", clientAddress)
                .param("ids", events.stream().map(e -> e.id().toString()).toArray(String[]::new))
                .param("dedups", events.stream().map(InboundEvent::dedupKey).toArray(String[]::new))
                .param("types", events.stream().map(InboundEvent::type).toArray(String[]::new))
                .param("occurred", events.stream().map(e -> e.occurredAt() == null ? null : e.occurredAt().toString())
                        .toArray(String[]::new))
                .param("payloads", events.stream().map(InboundEvent::payloadJson).toArray(String[]::new))
                .update();
    }

    record Claimed(UUID tenantId, UUID id) {
    }

    List<Claimed> claim(Instant now, int leaseSeconds, int max) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("lease", leaseSeconds).param("max", max)
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    Optional<Stored> find(UUID tenantId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    /** The event, locked until the transaction ends; see {@link #ONE_FOR_PROCESSING}. */
    Optional<Stored> lockForProcessing(UUID tenantId, UUID id) {
        return jdbc.sql(ONE_FOR_PROCESSING).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    List<Stored> page(UUID tenantId, String state, String provider, Instant beforeAt, UUID beforeId, int limit) {
        return jdbc.sql(PAGE).param("tenant", tenantId).param("state", state).param("provider", provider)
                .param("beforeAt", SqlValues.timestamp(beforeAt)).param("beforeId", beforeId).param("limit", limit)
                .query(this::map).list();
    }

    void finish(UUID tenantId, UUID id, String state, Instant now) {
        jdbc.sql(FINISH).param("tenant", tenantId).param("id", id).param("state", state)
                .param("now", SqlValues.timestamp(now)).update();
    }

    /** Records a failed attempt; answers the new state ({@code pending} to retry, or {@code failed}). */
    String failedAttempt(UUID tenantId, UUID id, String error, Instant next, int maxAttempts) {
        return jdbc.sql(FAILED_ATTEMPT).param("tenant", tenantId).param("id", id).param("error", error)
                .param("next", SqlValues.timestamp(next)).param("max", maxAttempts).query(String.class).single();
    }

    /** Moves a platform event to its tenant (owner function; false when the tenant does not exist). */
    boolean routeToTenant(UUID id, UUID tenantId) {
        return Boolean.TRUE.equals(jdbc.sql(ROUTE).param("id", id).param("tenant", tenantId).query(Boolean.class).single());
    }

    boolean requeue(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql(REQUEUE).param("tenant", tenantId).param("id", id).param("now", SqlValues.timestamp(now))
                .update() == 1;
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        InboundEvent event = new InboundEvent(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("provider"), rs.getObject("integration_id", UUID.class), rs.getString("event_type"),
                rs.getString("dedup_key"), SqlValues.instant(rs, "occurred_at"), SqlValues.instant(rs, "received_at"),
                rs.getString("payload"), rs.getInt("attempts"));
        return new Stored(event, rs.getString("state"), rs.getString("last_error"),
                SqlValues.instant(rs, "processed_at"), rs.getString("user_agent"), rs.getString("client_address"));
    }
}
