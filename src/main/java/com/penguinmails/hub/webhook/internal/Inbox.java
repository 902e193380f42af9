package com.penguinmails.hub.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.platform.database.TimeOrderedIds;
import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.ParsedEvent;

/** The {@code webhook_inbox} table. */
@Repository
class Inbox {

    /** See V44: one tenant's requests stored in one statement (tokens claimed, duplicates skipped). */
    private static final String STORE = """
            select refused, skipped
            from store_webhook_arrivals(:tenant, cast(:providers as text[]), cast(:integrations as uuid[]),
                                        cast(:received as bigint[]), cast(:tokens as text[]),
                                        cast(:tokenEvents as text[]), cast(:eventRequests as integer[]),
                                        cast(:ids as uuid[]), cast(:eventProviders as text[]), cast(:eventAgents as text[]),
                                        cast(:eventAddresses as text[]), cast(:dedups as text[]), cast(:types as text[]),
                                        cast(:occurred as bigint[]), cast(:payloads as text[]))""";
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
              and (cast(:beforeId as uuid) is null or id < :beforeId)
            order by id desc limit :limit""";
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

    /**
     * What one request brings: its events (all of one tenant, provider and integration), how it came,
     * and its one-use token (null when its source has none), which may serve {@code tokenEvent} only.
     */
    record Arrival(UUID tenantId, String provider, UUID integrationId, Instant receivedAt, String userAgent,
                   String clientAddress, String token, String tokenEvent, List<ParsedEvent> events) {
    }

    /**
     * Stores the events of the given requests that are not there yet, one statement per tenant among
     * them; to be called in a transaction, whose commit makes them all stored at once.
     *
     * @return per request, in order, how many of its events were new, or empty when its token
     *         already served another event (then none of its events is stored)
     */
    List<OptionalInt> storeAll(List<Arrival> arrivals) {
        // tenants in a fixed order, as rows within each statement: concurrent writers take locks in the same order
        Map<UUID, List<Integer>> byTenant = new TreeMap<>();
        for (int i = 0; i < arrivals.size(); i++) {
            byTenant.computeIfAbsent(arrivals.get(i).tenantId(), t -> new ArrayList<>()).add(i);
        }
        OptionalInt[] outcomes = new OptionalInt[arrivals.size()];
        byTenant.forEach((tenant, indexes) -> {
            List<Arrival> group = indexes.stream().map(arrivals::get).toList();
            List<OptionalInt> stored = storeOfOneTenant(tenant, group);
            for (int k = 0; k < indexes.size(); k++) {
                outcomes[indexes.get(k)] = stored.get(k);
            }
        });
        return List.of(outcomes);
    }

    /** One event of a request, placed among the others of its statement. */
    private record Placed(int request, Arrival arrival, ParsedEvent event) {
    }

    /**
     * Rows are inserted in the order of their arrays (see V44), which is the unique index's order (provider,
     * then key): concurrent writers take its entries in one order, which makes deadlocks between them rare.
     */
    private static final Comparator<Placed> INDEX_ORDER = Comparator.<Placed, String>comparing(p -> p.arrival().provider())
            .thenComparing(p -> p.event().dedupKey());

    private List<OptionalInt> storeOfOneTenant(UUID tenant, List<Arrival> group) {
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            for (ParsedEvent event : group.get(i).events()) {
                placed.add(new Placed(i + 1, group.get(i), event));
            }
        }
        placed.sort(INDEX_ORDER);
        Integer[] requests = column(placed, Placed::request, Integer[]::new);
        UUID[] ids = column(placed, p -> TimeOrderedIds.at(p.arrival().receivedAt()), UUID[]::new);
        return jdbc.sql(STORE).param("tenant", tenant)
                .param("providers", group.stream().map(Arrival::provider).toArray(String[]::new))
                .param("integrations", group.stream().map(Arrival::integrationId).toArray(UUID[]::new))
                .param("received", group.stream().map(a -> SqlValues.epochMicros(a.receivedAt())).toArray(Long[]::new))
                .param("tokens", group.stream().map(Arrival::token).toArray(String[]::new))
                .param("tokenEvents", group.stream().map(Arrival::tokenEvent).toArray(String[]::new))
                .param("eventRequests", requests).param("ids", ids)
                .param("eventProviders", column(placed, p -> p.arrival().provider(), String[]::new))
                .param("eventAgents", column(placed, p -> p.arrival().userAgent(), String[]::new))
                .param("eventAddresses", column(placed, p -> p.arrival().clientAddress(), String[]::new))
                .param("dedups", column(placed, p -> p.event().dedupKey(), String[]::new))
                .param("types", column(placed, p -> p.event().type(), String[]::new))
                .param("occurred", column(placed, p -> SqlValues.epochMicros(p.event().occurredAt()), Long[]::new))
                .param("payloads", column(placed, p -> p.event().payloadJson(), String[]::new))
                .query((rs, n) -> outcomes(group, requests, ids, rs)).single();
    }

    /** One value per event, in the events' order. */
    private static <T> T[] column(List<Placed> placed, Function<Placed, T> value, IntFunction<T[]> array) {
        T[] values = array.apply(placed.size());
        for (int j = 0; j < values.length; j++) {
            values[j] = value.apply(placed.get(j));
        }
        return values;
    }

    /** Each request's outcome from the refused requests and the ids of the other requests' events not stored now. */
    private static List<OptionalInt> outcomes(List<Arrival> group, Integer[] requests, UUID[] ids, ResultSet rs)
            throws SQLException {
        Set<Integer> refused = new HashSet<>(Arrays.asList((Integer[]) rs.getArray("refused").getArray()));
        Set<UUID> skipped = new HashSet<>(Arrays.asList((UUID[]) rs.getArray("skipped").getArray()));
        int[] counts = new int[group.size()];
        for (int j = 0; j < ids.length; j++) {
            if (!skipped.contains(ids[j])) {
                counts[requests[j] - 1]++;
            }
        }
        List<OptionalInt> outcomes = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            outcomes.add(refused.contains(i + 1) ? OptionalInt.empty() : OptionalInt.of(counts[i]));
        }
        return outcomes;
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

    /** Newest first: ids are made in time order (V45), so the primary key serves the listing. */
    List<Stored> page(UUID tenantId, String state, String provider, UUID beforeId, int limit) {
        return jdbc.sql(PAGE).param("tenant", tenantId).param("state", state).param("provider", provider)
                .param("beforeId", beforeId).param("limit", limit)
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
