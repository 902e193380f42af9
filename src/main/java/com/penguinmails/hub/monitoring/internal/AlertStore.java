package com.penguinmails.hub.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts;
import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code alerts} table. */
@Repository
class AlertStore {

    private static final String RAISE = """
            insert into alerts (tenant_id, id, integration_id, type, severity, status, message, raised_at, last_seen_at)
            values (:tenant, :id, :integration, :type, :severity, 'open', :message, :now, :now)
            on conflict (tenant_id, coalesce(integration_id, '00000000-0000-0000-0000-000000000000'), type)
                where status = 'open'
            do update set occurrences = alerts.occurrences + 1, last_seen_at = excluded.last_seen_at,
                          message = excluded.message,
                          severity = case when array_position(array['low', 'medium', 'high', 'critical'], excluded.severity)
                                              > array_position(array['low', 'medium', 'high', 'critical'], alerts.severity)
                                         then excluded.severity else alerts.severity end
            returning *, (xmax = 0) as inserted""";
    private static final String RESOLVE = """
            update alerts set status = 'resolved', resolved_at = :now, resolved_by = :by
            where tenant_id = :tenant and integration_id is not distinct from :integration and type = :type
              and status = 'open'
            returning *""";
    private static final String RESOLVE_BY_ID = """
            update alerts set status = 'resolved', resolved_at = :now, resolved_by = :by
            where tenant_id = :tenant and id = :id and status = 'open'
            returning *""";
    private static final String LIST = """
            select * from alerts where tenant_id = :tenant and (cast(:status as text) is null or status = :status)
              and (cast(:integration as uuid) is null or integration_id = :integration)
            order by last_seen_at desc, id limit :limit""";
    private static final String OPEN_TYPES = """
            select integration_id, type from alerts where tenant_id = :tenant and status = 'open'""";

    record Alert(UUID id, UUID integrationId, String type, String severity, String status, String message,
                 int occurrences, Instant raisedAt, Instant lastSeenAt, Instant resolvedAt, String resolvedBy) {

        boolean resolved() {
            return "resolved".equals(status);
        }
    }

    /** A raise: the alert as it now is, and whether it was opened by this raise (not a repeat). */
    record Raised(Alert alert, boolean opened) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AlertStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Raised raise(UUID tenantId, UUID integrationId, AlertType type, Alerts.Severity severity, String message) {
        return jdbc.sql(RAISE).param("tenant", tenantId).param("id", UUID.randomUUID())
                .param("integration", integrationId).param("type", type.value())
                .param("severity", severity.name().toLowerCase()).param("message", truncate(message))
                .param("now", SqlValues.timestamp(clock.instant()))
                .query((rs, n) -> new Raised(map(rs, n), rs.getBoolean("inserted"))).single();
    }

    Optional<Alert> resolve(UUID tenantId, UUID integrationId, AlertType type, String resolvedBy) {
        return jdbc.sql(RESOLVE).param("tenant", tenantId).param("integration", integrationId)
                .param("type", type.value()).param("by", resolvedBy)
                .param("now", SqlValues.timestamp(clock.instant())).query(this::map).optional();
    }

    Optional<Alert> resolve(UUID tenantId, UUID alertId, String resolvedBy) {
        return jdbc.sql(RESOLVE_BY_ID).param("tenant", tenantId).param("id", alertId).param("by", resolvedBy)
                .param("now", SqlValues.timestamp(clock.instant())).query(this::map).optional();
    }

    List<Alert> list(UUID tenantId, String status, UUID integrationId, int limit) {
        return jdbc.sql(LIST).param("tenant", tenantId).param("status", status).param("integration", integrationId)
                .param("limit", limit).query(this::map).list();
    }

    /** The open alerts' types per integration ("integrationId/type"). */
    java.util.Set<String> openKeys(UUID tenantId) {
        return new java.util.HashSet<>(jdbc.sql(OPEN_TYPES).param("tenant", tenantId)
                .query((rs, n) -> rs.getObject("integration_id", UUID.class) + "/" + rs.getString("type")).list());
    }

    private Alert map(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getObject("id", UUID.class), rs.getObject("integration_id", UUID.class),
                rs.getString("type"), rs.getString("severity"), rs.getString("status"), rs.getString("message"),
                rs.getInt("occurrences"), SqlValues.instant(rs, "raised_at"), SqlValues.instant(rs, "last_seen_at"),
                SqlValues.instant(rs, "resolved_at"), rs.getString("resolved_by"));
    }

    private static String truncate(String message) {
        return message == null ? "" : message.length() <= 2000 ? message : message.substring(0, 2000);
    }
}
