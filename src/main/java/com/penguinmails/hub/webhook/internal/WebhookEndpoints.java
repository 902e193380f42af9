package com.penguinmails.hub.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code webhook_endpoints} table. */
@Repository
class WebhookEndpoints {

    private static final String INSERT = """
            insert into webhook_endpoints (tenant_id, id, url, description, event_types, headers, retry_policy,
                                           rate_limit_per_second, filters, enabled, ordered, secret, created_at,
                                           updated_at)
            values (:tenant, :id, :url, :description, cast(:types as jsonb), cast(:headers as jsonb),
                    cast(:retry as jsonb), :rate, cast(:filters as jsonb), :enabled, :ordered, :secret, :now, :now)""";
    private static final String UPDATE = """
            update webhook_endpoints set url = :url, description = :description, event_types = cast(:types as jsonb),
                   headers = cast(:headers as jsonb), retry_policy = cast(:retry as jsonb), rate_limit_per_second = :rate,
                   filters = cast(:filters as jsonb), ordered = :ordered, updated_at = :now, enabled = :enabled,
                   disabled_reason = case when :enabled then null else coalesce(disabled_reason, 'disabled by the tenant') end,
                   disabled_at = case when :enabled then null else coalesce(disabled_at, :now) end,
                   failing_since = case when :enabled and not enabled then null else failing_since end
            where tenant_id = :tenant and id = :id""";
    private static final String SELECT = """
            select tenant_id, id, url, description, event_types::text as event_types, headers::text as headers,
                   retry_policy::text as retry_policy, rate_limit_per_second, filters::text as filters, enabled, ordered,
                   secret, previous_secret, previous_secret_until, disabled_reason, disabled_at, failing_since,
                   last_success_at, created_at, updated_at
            from webhook_endpoints
            """;
    private static final String ONE = SELECT + "where tenant_id = :tenant and id = :id";
    private static final String SOME = SELECT + """
            join unnest(cast(:ids as uuid[])) as k (wanted) on id = k.wanted
            where tenant_id = :tenant""";
    private static final String ENABLED = SELECT + "where tenant_id = :tenant and enabled order by created_at, id";
    private static final String PAGE = SELECT + """
            where tenant_id = :tenant
              and (cast(:afterAt as timestamptz) is null or (created_at, id) > (:afterAt, :afterId))
            order by created_at, id limit :limit""";
    private static final String DELETE = "delete from webhook_endpoints where tenant_id = :tenant and id = :id";
    private static final String ROTATE = """
            update webhook_endpoints set secret = :secret, previous_secret = :previous, previous_secret_until = :until,
                   updated_at = :now
            where tenant_id = :tenant and id = :id""";
    private static final String SUCCEEDED = """
            update webhook_endpoints set last_success_at = :now, failing_since = null
            from unnest(cast(:ids as uuid[])) as k (wanted)
            where tenant_id = :tenant and id = k.wanted
              and (failing_since is not null or last_success_at is null or last_success_at <= :now - interval '1 second')""";
    /**
     * Marks the start of a failing streak once: a failing endpoint's row is written (and locked) only by the
     * first failure, not by every attempt of every worker (with ten endpoints timing out, 40 workers queued
     * on those rows holding pooled connections). A later failure reads the start it finds.
     */
    private static final String FAILED = """
            with started as (
                update webhook_endpoints set failing_since = :now
                where tenant_id = :tenant and id = :id and failing_since is null
                returning failing_since)
            select coalesce(s.failing_since, e.failing_since, :now) as failing_since
            from webhook_endpoints e left join started s on true
            where e.tenant_id = :tenant and e.id = :id""";
    private static final String DISABLE = """
            update webhook_endpoints set enabled = false, disabled_reason = :reason, disabled_at = :now, updated_at = :now
            where tenant_id = :tenant and id = :id and enabled""";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredFilter>> FILTERS = new TypeReference<>() {
    };

    /** How a retry policy is kept in {@code retry_policy}. */
    record StoredPolicy(List<Long> scheduleMillis, boolean retryClientErrors) {
    }

    record StoredFilter(String eventType, Map<String, Object> conditions) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WebhookEndpoints(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID tenantId, UUID id, WebhookEndpoint.Settings s, byte[] sealedSecret, Instant now) {
        bind(jdbc.sql(INSERT), tenantId, id, s, now).param("secret", sealedSecret).update();
    }

    boolean update(UUID tenantId, UUID id, WebhookEndpoint.Settings s, Instant now) {
        return bind(jdbc.sql(UPDATE), tenantId, id, s, now).update() == 1;
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, UUID tenantId, UUID id,
                                          WebhookEndpoint.Settings s, Instant now) {
        StoredPolicy policy = s.retryPolicy() == null ? null : new StoredPolicy(
                s.retryPolicy().schedule().stream().map(Duration::toMillis).toList(), s.retryPolicy().retryClientErrors());
        return sql.param("tenant", tenantId).param("id", id).param("url", s.url())
                .param("description", s.description() == null ? "" : s.description())
                .param("types", json.writeValueAsString(s.eventTypes()))
                .param("headers", json.writeValueAsString(s.headers() == null ? Map.of() : s.headers()))
                .param("retry", policy == null ? null : json.writeValueAsString(policy))
                .param("rate", s.rateLimitPerSecond())
                .param("filters", json.writeValueAsString(s.filters() == null ? List.of() : s.filters()))
                .param("enabled", s.enabled()).param("ordered", s.ordered()).param("now", SqlValues.timestamp(now));
    }

    Optional<WebhookEndpoint> find(UUID tenantId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    List<WebhookEndpoint> find(UUID tenantId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SOME).param("tenant", tenantId).param("ids", SqlValues.uuids(ids)).query(this::map).list();
    }

    List<WebhookEndpoint> enabled(UUID tenantId) {
        return jdbc.sql(ENABLED).param("tenant", tenantId).query(this::map).list();
    }

    List<WebhookEndpoint> page(UUID tenantId, Instant afterAt, UUID afterId, int limit) {
        return jdbc.sql(PAGE).param("tenant", tenantId).param("afterAt", SqlValues.timestamp(afterAt))
                .param("afterId", afterId).param("limit", limit).query(this::map).list();
    }

    boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql(DELETE).param("tenant", tenantId).param("id", id).update() == 1;
    }

    void rotate(UUID tenantId, UUID id, byte[] secret, byte[] previous, Instant until, Instant now) {
        jdbc.sql(ROTATE).param("tenant", tenantId).param("id", id).param("secret", secret).param("previous", previous)
                .param("until", SqlValues.timestamp(until)).param("now", SqlValues.timestamp(now)).update();
    }

    /**
     * Notes that the endpoints succeeded at {@code now}. An endpoint's row is written only when it was failing
     * or its last success is a second old: a busy endpoint's row was otherwise written by nearly every
     * delivery (pg_stat_statements: 29,937 row updates for 33,500 deliveries), each write also in the way of
     * publishers' foreign-key checks on that row. {@code lastSuccessAt} is kept to the second.
     */
    void succeeded(UUID tenantId, java.util.Collection<UUID> ids, Instant now) {
        jdbc.sql(SUCCEEDED).param("tenant", tenantId).param("ids", SqlValues.uuids(ids)).param("now", SqlValues.timestamp(now)).update();
    }

    /** Notes a failure; answers since when the endpoint has been failing without a success. */
    Optional<Instant> failed(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql(FAILED).param("tenant", tenantId).param("id", id).param("now", SqlValues.timestamp(now))
                .query((rs, n) -> SqlValues.instant(rs, "failing_since")).optional();
    }

    /** Disables an enabled endpoint; false when it was already disabled (or is gone). */
    boolean disable(UUID tenantId, UUID id, String reason, Instant now) {
        return jdbc.sql(DISABLE).param("tenant", tenantId).param("id", id).param("reason", reason)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    private WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
        String retry = rs.getString("retry_policy");
        WebhookEndpoint.RetryPolicy policy = null;
        if (retry != null) {
            StoredPolicy stored = json.readValue(retry, StoredPolicy.class);
            policy = new WebhookEndpoint.RetryPolicy(stored.scheduleMillis().stream().map(Duration::ofMillis).toList(),
                    stored.retryClientErrors());
        }
        List<WebhookEndpoint.PayloadFilter> filters = json.readValue(rs.getString("filters"), FILTERS).stream()
                .map(f -> new WebhookEndpoint.PayloadFilter(f.eventType(), f.conditions())).toList();
        Integer rate = rs.getObject("rate_limit_per_second", Integer.class);
        return new WebhookEndpoint(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("url"), rs.getString("description"), json.readValue(rs.getString("event_types"), STRINGS),
                new LinkedHashMap<>(json.readValue(rs.getString("headers"), HEADERS)), policy, rate, filters,
                rs.getBoolean("enabled"), rs.getBoolean("ordered"), rs.getBytes("secret"), rs.getBytes("previous_secret"),
                SqlValues.instant(rs, "previous_secret_until"), rs.getString("disabled_reason"),
                SqlValues.instant(rs, "disabled_at"), SqlValues.instant(rs, "failing_since"),
                SqlValues.instant(rs, "last_success_at"), SqlValues.instant(rs, "created_at"),
                SqlValues.instant(rs, "updated_at"));
    }
}
