package com.penguinmails.hub.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts;
import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code alerts} table. */
@Repository
class AlertStore implements Alerts {

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
            returning id""";
    private static final String RESOLVE = """
            update alerts set status = 'resolved', resolved_at = :now, resolved_by = :by
            where tenant_id = :tenant and integration_id is not distinct from :integration and type = :type
              and status = 'open'""";
    private static final String RESOLVE_BY_ID = """
            update alerts set status = 'resolved', resolved_at = :now, resolved_by = :by
            where tenant_id = :tenant and id = :id and status = 'open'""";
    private static final String LIST = """
            select * from alerts where tenant_id = :tenant and (cast(:status as text) is null or status = :status)
            order by last_seen_at desc, id limit :limit""";

    record Alert(UUID id, UUID integrationId, String type, String severity, String status, String message,
                 int occurrences, Instant raisedAt, Instant lastSeenAt, Instant resolvedAt, String resolvedBy) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AlertStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public UUID raise(UUID tenantId, UUID integrationId, AlertType type, Severity severity, String message) {
        return jdbc.sql(RAISE).param("tenant", tenantId).param("id", UUID.randomUUID())
                .param("integration", integrationId).param("type", type.value())
                .param("severity", severity.name().toLowerCase()).param("message", truncate(message))
                .param("now", SqlValues.timestamp(clock.instant())).query(UUID.class).single();
    }

    @Override
    public boolean resolve(UUID tenantId, UUID integrationId, AlertType type, String resolvedBy) {
        return jdbc.sql(RESOLVE).param("tenant", tenantId).param("integration", integrationId)
                .param("type", type.value()).param("by", resolvedBy)
                .param("now", SqlValues.timestamp(clock.instant())).update() > 0;
    }

    boolean resolve(UUID tenantId, UUID alertId, String resolvedBy) {
        return jdbc.sql(RESOLVE_BY_ID).param("tenant", tenantId).param("id", alertId).param("by", resolvedBy)
                .param("now", SqlValues.timestamp(clock.instant())).update() == 1;
    }

    List<Alert> list(UUID tenantId, String status, int limit) {
        return jdbc.sql(LIST).param("tenant", tenantId).param("status", status).param("limit", limit)
                .query(this::map).list();
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
