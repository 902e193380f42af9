package com.penguinmails.hub.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code integration_health} table (health records, kept as history) and the check schedule. */
@Repository
class HealthRecords {

    private static final String INSERT = """
            insert into integration_health (tenant_id, id, integration_id, checked_at, status, score, probe,
                probe_response_ms, probe_detail, window_seconds, requests_total, requests_successful, requests_failed,
                average_response_ms, error_rate, uptime_percentage, reasons)
            values (:tenant, :id, :integration, :at, :status, :score, :probe, :probeMs, :probeDetail, :window,
                    :total, :successful, :failed, :average, :errorRate, :uptime, cast(:reasons as text[]))""";
    private static final String LATEST = """
            select distinct on (integration_id) * from integration_health where tenant_id = :tenant
            order by integration_id, checked_at desc, id""";
    private static final String HISTORY = """
            select * from integration_health where tenant_id = :tenant and integration_id = :integration
              and checked_at >= :from
            order by checked_at desc, id limit :limit""";
    private static final String UPTIME = """
            select count(*) as checks, count(*) filter (where status <> 'unhealthy') as up
            from integration_health where tenant_id = :tenant and integration_id = :integration and checked_at >= :from""";
    private static final String CLAIM = "select claimed_tenant, claimed_integration from claim_health_checks(:now, :max)";
    private static final String PURGE = "select purge_monitoring_history(:before)";

    /** The guide's IntegrationHealth with its metrics. */
    record Health(UUID id, UUID integrationId, Instant checkedAt, String status, Integer score, String probe,
                  Integer probeResponseMs, String probeDetail, int windowSeconds, long requestsTotal,
                  long requestsSuccessful, long requestsFailed, Double averageResponseMs, double errorRate,
                  double uptimePercentage, List<String> reasons) {
    }

    record Claimed(UUID tenantId, UUID integrationId) {
    }

    private final JdbcClient jdbc;

    HealthRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, Health h) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", h.id()).param("integration", h.integrationId())
                .param("at", SqlValues.timestamp(h.checkedAt())).param("status", h.status()).param("score", h.score())
                .param("probe", h.probe()).param("probeMs", h.probeResponseMs()).param("probeDetail", h.probeDetail())
                .param("window", h.windowSeconds()).param("total", h.requestsTotal())
                .param("successful", h.requestsSuccessful()).param("failed", h.requestsFailed())
                .param("average", h.averageResponseMs()).param("errorRate", h.errorRate())
                .param("uptime", h.uptimePercentage()).param("reasons", h.reasons().toArray(String[]::new)).update();
    }

    /** Each integration's latest record. */
    List<Health> latest(UUID tenantId) {
        return jdbc.sql(LATEST).param("tenant", tenantId).query(this::map).list();
    }

    Optional<Health> latest(UUID tenantId, UUID integrationId) {
        return history(tenantId, integrationId, Instant.EPOCH, 1).stream().findFirst();
    }

    List<Health> history(UUID tenantId, UUID integrationId, Instant from, int limit) {
        return jdbc.sql(HISTORY).param("tenant", tenantId).param("integration", integrationId)
                .param("from", SqlValues.timestamp(from)).param("limit", limit).query(this::map).list();
    }

    /** Checks since {@code from}, and how many of them were not unhealthy. */
    long[] uptime(UUID tenantId, UUID integrationId, Instant from) {
        return jdbc.sql(UPTIME).param("tenant", tenantId).param("integration", integrationId)
                .param("from", SqlValues.timestamp(from))
                .query((rs, n) -> new long[] {rs.getLong("checks"), rs.getLong("up")}).single();
    }

    /** Claims due checks of every tenant (no tenant scope: a SECURITY DEFINER function). */
    List<Claimed> claim(Instant now, int max) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("max", max)
                .query((rs, n) -> new Claimed(rs.getObject("claimed_tenant", UUID.class),
                        rs.getObject("claimed_integration", UUID.class))).list();
    }

    long purge(Instant before) {
        return jdbc.sql(PURGE).param("before", SqlValues.timestamp(before)).query(Long.class).single();
    }

    private Health map(ResultSet rs, int row) throws SQLException {
        Object average = rs.getObject("average_response_ms");
        Object score = rs.getObject("score");
        Object probeMs = rs.getObject("probe_response_ms");
        return new Health(rs.getObject("id", UUID.class), rs.getObject("integration_id", UUID.class),
                SqlValues.instant(rs, "checked_at"), rs.getString("status"),
                score == null ? null : Integer.valueOf(((Number) score).intValue()), rs.getString("probe"),
                probeMs == null ? null : Integer.valueOf(((Number) probeMs).intValue()), rs.getString("probe_detail"),
                rs.getInt("window_seconds"), rs.getLong("requests_total"), rs.getLong("requests_successful"),
                rs.getLong("requests_failed"), average == null ? null : Double.valueOf(((Number) average).doubleValue()),
                rs.getDouble("error_rate"), rs.getDouble("uptime_percentage"),
                Arrays.asList((String[]) rs.getArray("reasons").getArray()));
    }
}
