package com.penguinmails.hub.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code integration_traffic} table: per integration and minute, what the gateway saw. */
@Repository
class TrafficCounts {

    private static final String ADD = """
            insert into integration_traffic (tenant_id, integration_id, minute, requests, failures, quota_failures,
                                             total_ms, max_ms)
            select :tenant, :integration, :minute, :requests, :failures, :quota, :totalMs, :maxMs
            where exists (select 1 from integrations i where i.tenant_id = :tenant and i.id = :integration)
            on conflict (tenant_id, integration_id, minute) do update set
                requests = integration_traffic.requests + excluded.requests,
                failures = integration_traffic.failures + excluded.failures,
                quota_failures = integration_traffic.quota_failures + excluded.quota_failures,
                total_ms = integration_traffic.total_ms + excluded.total_ms,
                max_ms = greatest(integration_traffic.max_ms, excluded.max_ms)""";
    private static final String WINDOW = """
            select coalesce(sum(requests), 0) as requests, coalesce(sum(failures), 0) as failures,
                   coalesce(sum(quota_failures), 0) as quota, coalesce(sum(total_ms), 0) as total_ms
            from integration_traffic
            where tenant_id = :tenant and integration_id = :integration and minute >= :from""";
    private static final String BUCKETS = """
            select date_bin(cast(:bucket as interval), minute, timestamptz '1970-01-01 00:00:00+00') as bucket,
                   sum(requests) as requests, sum(failures) as failures, sum(total_ms) as total_ms
            from integration_traffic
            where tenant_id = :tenant and (cast(:integration as uuid) is null or integration_id = :integration)
              and minute >= :from and minute < :to
            group by 1 order by 1""";

    /** Calls counted in one minute (or one bucket). */
    record Counts(long requests, long failures, long quotaFailures, long totalMs, long maxMs) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(requests + other.requests, failures + other.failures,
                    quotaFailures + other.quotaFailures, totalMs + other.totalMs, Math.max(maxMs, other.maxMs));
        }
    }

    record Bucket(Instant start, long requests, long failures, long totalMs) {
    }

    private final JdbcClient jdbc;

    TrafficCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one node's counts of a tenant's integrations, keyed by integration and minute. */
    void add(UUID tenantId, Map<UUID, Map<Instant, Counts>> counts) {
        counts.forEach((integration, minutes) -> minutes.forEach((minute, c) ->
                jdbc.sql(ADD).param("tenant", tenantId).param("integration", integration)
                        .param("minute", SqlValues.timestamp(minute)).param("requests", c.requests())
                        .param("failures", c.failures()).param("quota", c.quotaFailures())
                        .param("totalMs", c.totalMs()).param("maxMs", (int) Math.min(Integer.MAX_VALUE, c.maxMs()))
                        .update()));
    }

    Counts since(UUID tenantId, UUID integrationId, Instant from) {
        return jdbc.sql(WINDOW).param("tenant", tenantId).param("integration", integrationId)
                .param("from", SqlValues.timestamp(from))
                .query((rs, n) -> new Counts(rs.getLong("requests"), rs.getLong("failures"), rs.getLong("quota"),
                        rs.getLong("total_ms"), 0)).single();
    }

    /** Sums per bucket (aligned on multiples of the bucket since the epoch) of [from, to); only buckets with rows. */
    List<Bucket> buckets(UUID tenantId, UUID integrationId, java.time.Duration bucket, Instant from, Instant to) {
        return jdbc.sql(BUCKETS).param("tenant", tenantId).param("integration", integrationId)
                .param("bucket", bucket.toSeconds() + " seconds")
                .param("from", SqlValues.timestamp(from)).param("to", SqlValues.timestamp(to))
                .query((rs, n) -> new Bucket(SqlValues.instant(rs, "bucket"),
                        rs.getLong("requests"), rs.getLong("failures"), rs.getLong("total_ms"))).list();
    }
}
