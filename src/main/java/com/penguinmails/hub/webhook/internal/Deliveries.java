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
import com.penguinmails.hub.platform.database.TimeOrderedIds;

/** The {@code webhook_events}, {@code webhook_deliveries} and {@code webhook_attempts} tables. */
@Repository
class Deliveries {

    private static final String INSERT_EVENT = """
            insert into webhook_events (tenant_id, id, event_type, payload, created_at)
            values (:tenant, :id, :type, :payload, :now)""";
    private static final String INSERT_DELIVERIES = """
            insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, next_attempt_at, created_at)
            select :tenant, d.id, d.endpoint, :event, :type, :now, :now
            from unnest(cast(:ids as uuid[]), cast(:endpoints as uuid[])) as d (id, endpoint)""";
    /**
     * The publish lock of an ordered endpoint: a transaction-level advisory lock (two-key space, class
     * {@link #ORDER_LOCK_CLASS}), held until the publishing transaction ends. It takes no row lock, so it
     * never waits on the endpoint row's bookkeeping updates.
     */
    private static final String ORDER_LOCK = "select pg_advisory_xact_lock(:class, :key)";
    static final int ORDER_LOCK_CLASS = 0x7768_6f72; // "whor"
    private static final String CLAIM = "select tenant_id, id from claim_webhook_deliveries(:now, :lease, :max, :perEndpoint)";
    private static final String WORK = """
            select d.tenant_id, d.id, d.endpoint_id, d.event_id, d.event_type, d.state, d.attempts, e.payload
            from unnest(cast(:ids as uuid[])) as k (id)
            join webhook_deliveries d on d.tenant_id = :tenant and d.id = k.id
            join webhook_events e on e.tenant_id = d.tenant_id and e.id = d.event_id""";
    private static final String ATTEMPTS_DELIVERED = """
            insert into webhook_attempts (tenant_id, id, delivery_id, attempted_at, status, latency_ms, response_body)
            select :tenant, a.id, a.delivery, a.at, a.status, a.latency, a.body
            from unnest(cast(:ids as uuid[]), cast(:deliveries as uuid[]), cast(:ats as timestamptz[]),
                        cast(:statuses as integer[]), cast(:latencies as bigint[]), cast(:bodies as text[]))
                 as a (id, delivery, at, status, latency, body)""";
    /**
     * Frees the slot (V46) that holds the delivery {@code :id} of {@code :endpoint}: prefixed to each statement
     * that finishes or reschedules one delivery, so both happen in one statement. A slot that ran out and now
     * holds another delivery is left alone.
     */
    private static final String RELEASING = """
            with released as (
                update webhook_delivery_slots set delivery_id = null, locked_until = null
                where tenant_id = :tenant and endpoint_id = :endpoint and delivery_id = :id)
            """;
    private static final String ALL_DELIVERED = """
            with released as (
                update webhook_delivery_slots s set delivery_id = null, locked_until = null
                from unnest(cast(:deliveries as uuid[]), cast(:endpoints as uuid[])) as r (delivery, endpoint)
                where s.tenant_id = :tenant and s.endpoint_id = r.endpoint and s.delivery_id = r.delivery)
            update webhook_deliveries d set state = 'delivered', attempts = d.attempts + 1, last_status = a.status,
                   last_error = null, finished_at = a.finished
            from unnest(cast(:deliveries as uuid[]), cast(:statuses as integer[]), cast(:finished as timestamptz[]))
                 as a (delivery, status, finished)
            where d.tenant_id = :tenant and d.id = a.delivery""";
    private static final String INSERT_ATTEMPT = """
            insert into webhook_attempts (tenant_id, id, delivery_id, attempted_at, status, latency_ms, response_body, error)
            values (:tenant, :id, :delivery, :at, :status, :latency, :body, :error)""";
    private static final String RETRY = RELEASING + """
            update webhook_deliveries set attempts = attempts + 1, last_status = :status, last_error = :error,
                   next_attempt_at = :next
            where tenant_id = :tenant and id = :id""";
    private static final String DEAD = RELEASING + """
            update webhook_deliveries set state = 'failed', attempts = attempts + 1, last_status = :status,
                   last_error = :error, finished_at = :now
            where tenant_id = :tenant and id = :id""";
    private static final String POSTPONE = RELEASING + """
            update webhook_deliveries set next_attempt_at = :next
            where tenant_id = :tenant and id = :id and state = 'pending'""";
    /** A disabled endpoint's pending deliveries go to dead-letter, and its slots are freed with them. */
    private static final String FAIL_PENDING = """
            with released as (
                update webhook_delivery_slots set delivery_id = null, locked_until = null
                where tenant_id = :tenant and endpoint_id = :endpoint and delivery_id is not null)
            update webhook_deliveries set state = 'failed', last_error = :error, finished_at = :now
            where tenant_id = :tenant and endpoint_id = :endpoint and state = 'pending'""";
    /** Not while a worker holds it (a slot names it and has not run out): it is being sent. */
    private static final String RESEND = """
            update webhook_deliveries d set state = 'pending', attempts = 0, next_attempt_at = :now, finished_at = null
            where d.tenant_id = :tenant and d.endpoint_id = :endpoint and d.id = :id
              and not exists (select 1 from webhook_delivery_slots s
                              where s.tenant_id = :tenant and s.endpoint_id = :endpoint and s.delivery_id = :id
                                and s.locked_until > :now)""";
    private static final String REPLAY = """
            update webhook_deliveries set state = 'pending', attempts = 0, next_attempt_at = :now, finished_at = null
            where tenant_id = :tenant and endpoint_id = :endpoint and state = 'failed' and created_at >= :since""";
    private static final String SELECT = """
            select d.id, d.endpoint_id, d.event_id, d.event_type, d.state, d.attempts, d.next_attempt_at, d.last_status,
                   d.last_error, d.created_at, d.finished_at, e.payload
            from webhook_deliveries d join webhook_events e on e.tenant_id = d.tenant_id and e.id = d.event_id
            """;
    private static final String ONE = SELECT + "where d.tenant_id = :tenant and d.endpoint_id = :endpoint and d.id = :id";
    /**
     * The endpoint's delivery of an event. An event's id (version 7) carries the millisecond it was made, and its
     * deliveries are created in the same transaction, after it: the listing index finds them from about then on.
     */
    private static final String OF_EVENT = SELECT + """
            where d.tenant_id = :tenant and d.endpoint_id = :endpoint and d.event_id = :event
              and d.created_at >= :since
            order by d.created_at, d.id limit 1""";
    private static final String PAGE = SELECT + """
            where d.tenant_id = :tenant and d.endpoint_id = :endpoint
              and (cast(:state as text) is null or d.state = :state)
              and (cast(:type as text) is null or d.event_type = :type)
              and (cast(:since as timestamptz) is null or d.created_at >= :since)
              and (cast(:beforeAt as timestamptz) is null or (d.created_at, d.id) < (:beforeAt, :beforeId))
            order by d.created_at desc, d.id desc limit :limit""";
    private static final String ATTEMPTS = """
            select a.delivery_id, a.id, a.attempted_at, a.status, a.latency_ms, a.response_body, a.error
            from unnest(cast(:deliveries as uuid[])) as k (delivery)
            join webhook_attempts a on a.tenant_id = :tenant and a.delivery_id = k.delivery
            order by a.attempted_at, a.id""";
    private static final String ATTEMPT_PAGE = """
            select delivery_id, id, attempted_at, status, latency_ms, response_body, error from webhook_attempts
            where tenant_id = :tenant and delivery_id = :delivery
              and (cast(:beforeAt as timestamptz) is null or (attempted_at, id) < (:beforeAt, :beforeId))
            order by attempted_at desc, id desc limit :limit""";

    record Claimed(UUID tenantId, UUID id) {
    }

    /** What a worker needs to send one delivery. */
    record Work(UUID tenantId, UUID id, UUID endpointId, UUID eventId, String eventType, String state, int attempts,
                String payload) {
    }

    record Message(UUID id, UUID endpointId, UUID eventId, String eventType, String state, int attempts,
                   Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt, Instant finishedAt,
                   String payload) {
    }

    record Attempt(UUID deliveryId, UUID id, Instant attemptedAt, Integer status, long latencyMs, String responseBody,
                   String error) {
    }

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertEvent(UUID tenantId, UUID id, String type, String payload, Instant now) {
        jdbc.sql(INSERT_EVENT).param("tenant", tenantId).param("id", id).param("type", type).param("payload", payload)
                .param("now", SqlValues.timestamp(now)).update();
    }

    /** One delivery row per endpoint for the event, in one statement. */
    void insertDeliveries(UUID tenantId, UUID eventId, String type, List<UUID> endpointIds, Instant now) {
        jdbc.sql(INSERT_DELIVERIES).param("tenant", tenantId).param("event", eventId).param("type", type)
                .param("now", SqlValues.timestamp(now))
                .param("ids", endpointIds.stream().map(e -> TimeOrderedIds.at(now).toString()).toArray(String[]::new))
                .param("endpoints", SqlValues.uuids(endpointIds)).update();
    }

    /** Waits for, then holds until commit or rollback, the publish lock with this key ({@link #orderLockKey}). */
    void holdPublishOrder(int key) {
        jdbc.sql(ORDER_LOCK).param("class", ORDER_LOCK_CLASS).param("key", key).query((rs, n) -> 1).list();
    }

    /** The publish lock key of an endpoint; two endpoints sharing a key only wait for each other, harmlessly. */
    static int orderLockKey(UUID endpointId) {
        return endpointId.hashCode();
    }

    List<Claimed> claim(Instant now, int leaseSeconds, int max, int perEndpoint) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("lease", leaseSeconds).param("max", max)
                .param("perEndpoint", perEndpoint)
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /** The claimed deliveries of one tenant with their payloads (those still there). */
    List<Work> work(UUID tenantId, List<UUID> ids) {
        return jdbc.sql(WORK).param("tenant", tenantId).param("ids", SqlValues.uuids(ids)).query((rs, n) -> new Work(
                rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("endpoint_id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("state"), rs.getInt("attempts"), rs.getString("payload")))
                .list();
    }

    /** A successful attempt, for recording in batches. */
    record Success(UUID deliveryId, UUID endpointId, Instant attemptedAt, int status, long latencyMs, String body,
                   Instant finishedAt) {
    }

    /** Records successful attempts of one tenant: their attempt rows and the deliveries' final state. */
    void delivered(UUID tenantId, List<Success> done) {
        String[] ids = done.stream().map(d -> d.deliveryId().toString()).toArray(String[]::new);
        String[] statuses = done.stream().map(d -> Integer.toString(d.status())).toArray(String[]::new);
        // the deliveries first: the attempts' foreign-key checks then find rows this transaction already holds
        jdbc.sql(ALL_DELIVERED).param("tenant", tenantId).param("deliveries", ids).param("statuses", statuses)
                .param("endpoints", done.stream().map(d -> d.endpointId().toString()).toArray(String[]::new))
                .param("finished", done.stream().map(d -> d.finishedAt().toString()).toArray(String[]::new)).update();
        jdbc.sql(ATTEMPTS_DELIVERED).param("tenant", tenantId).param("deliveries", ids)
                .param("ids", done.stream().map(d -> TimeOrderedIds.at(d.attemptedAt()).toString()).toArray(String[]::new))
                .param("ats", done.stream().map(d -> d.attemptedAt().toString()).toArray(String[]::new))
                .param("statuses", statuses)
                .param("latencies", done.stream().map(d -> Long.toString(d.latencyMs())).toArray(String[]::new))
                .param("bodies", done.stream().map(Success::body).toArray(String[]::new)).update();
    }

    void attempt(UUID tenantId, UUID deliveryId, Instant at, Integer status, long latencyMs, String body, String error) {
        jdbc.sql(INSERT_ATTEMPT).param("tenant", tenantId).param("id", TimeOrderedIds.at(at)).param("delivery", deliveryId)
                .param("at", SqlValues.timestamp(at)).param("status", status).param("latency", latencyMs)
                .param("body", body).param("error", error).update();
    }

    /** Schedules another attempt and frees the delivery's slot. */
    void retry(UUID tenantId, UUID endpointId, UUID id, Integer status, String error, Instant next) {
        jdbc.sql(RETRY).param("tenant", tenantId).param("endpoint", endpointId).param("id", id).param("status", status)
                .param("error", error).param("next", SqlValues.timestamp(next)).update();
    }

    /** Gives up on the delivery: it goes to dead-letter (state {@code failed}), replayable. */
    void dead(UUID tenantId, UUID endpointId, UUID id, Integer status, String error, Instant now) {
        jdbc.sql(DEAD).param("tenant", tenantId).param("endpoint", endpointId).param("id", id).param("status", status)
                .param("error", error).param("now", SqlValues.timestamp(now)).update();
    }

    /** Releases the lease without counting an attempt (rate limit). */
    void postpone(UUID tenantId, UUID endpointId, UUID id, Instant next) {
        jdbc.sql(POSTPONE).param("tenant", tenantId).param("endpoint", endpointId).param("id", id)
                .param("next", SqlValues.timestamp(next)).update();
    }

    int failPending(UUID tenantId, UUID endpointId, String error, Instant now) {
        return jdbc.sql(FAIL_PENDING).param("tenant", tenantId).param("endpoint", endpointId).param("error", error)
                .param("now", SqlValues.timestamp(now)).update();
    }

    boolean resend(UUID tenantId, UUID endpointId, UUID id, Instant now) {
        return jdbc.sql(RESEND).param("tenant", tenantId).param("endpoint", endpointId).param("id", id)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    int replay(UUID tenantId, UUID endpointId, Instant since, Instant now) {
        return jdbc.sql(REPLAY).param("tenant", tenantId).param("endpoint", endpointId)
                .param("since", SqlValues.timestamp(since)).param("now", SqlValues.timestamp(now)).update();
    }

    Optional<Message> find(UUID tenantId, UUID endpointId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("endpoint", endpointId).param("id", id)
                .query(this::message).optional();
    }

    /** The endpoint's message of an event (its {@code webhook-id} names the event). */
    Optional<Message> findOfEvent(UUID tenantId, UUID endpointId, UUID eventId) {
        // ids of events made before they were time ordered (version 4) say nothing of their time
        // (a minute's margin: the wall clock may step back between the two readings)
        Instant since = eventId.version() == 7
                ? Instant.ofEpochMilli(eventId.getMostSignificantBits() >>> 16).minusSeconds(60) : Instant.EPOCH;
        return jdbc.sql(OF_EVENT).param("tenant", tenantId).param("endpoint", endpointId).param("event", eventId)
                .param("since", SqlValues.timestamp(since)).query(this::message).optional();
    }

    List<Message> page(UUID tenantId, UUID endpointId, String state, String type, Instant since, Instant beforeAt,
                       UUID beforeId, int limit) {
        return jdbc.sql(PAGE).param("tenant", tenantId).param("endpoint", endpointId).param("state", state)
                .param("type", type).param("since", SqlValues.timestamp(since))
                .param("beforeAt", SqlValues.timestamp(beforeAt)).param("beforeId", beforeId).param("limit", limit)
                .query(this::message).list();
    }

    List<Attempt> attempts(UUID tenantId, List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(ATTEMPTS).param("tenant", tenantId).param("deliveries", SqlValues.uuids(deliveryIds))
                .query(this::attempt).list();
    }

    /** One page of a delivery's attempts, newest first, before the cursor's (time, id). */
    List<Attempt> attemptPage(UUID tenantId, UUID deliveryId, Instant beforeAt, UUID beforeId, int limit) {
        return jdbc.sql(ATTEMPT_PAGE).param("tenant", tenantId).param("delivery", deliveryId)
                .param("beforeAt", SqlValues.timestamp(beforeAt)).param("beforeId", beforeId).param("limit", limit)
                .query(this::attempt).list();
    }

    private Attempt attempt(ResultSet rs, int row) throws SQLException {
        return new Attempt(rs.getObject("delivery_id", UUID.class), rs.getObject("id", UUID.class),
                SqlValues.instant(rs, "attempted_at"), rs.getObject("status", Integer.class),
                rs.getLong("latency_ms"), rs.getString("response_body"), rs.getString("error"));
    }

    private Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("state"),
                rs.getInt("attempts"), SqlValues.instant(rs, "next_attempt_at"), rs.getObject("last_status", Integer.class),
                rs.getString("last_error"), SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "finished_at"),
                rs.getString("payload"));
    }
}
