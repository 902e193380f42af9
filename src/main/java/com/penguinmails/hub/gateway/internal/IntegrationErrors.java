package com.penguinmails.hub.gateway.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.platform.database.SqlValues;

/**
 * The {@code integration_errors} table: every classified provider failure, keyed by its incident id
 * (alerts are the monitoring module's, raised from {@code IntegrationErrorRecorded}).
 */
@Repository
class IntegrationErrors {

    private static final String INSERT = """
            insert into integration_errors (tenant_id, id, integration_id, provider, operation, type, message, retryable,
                                            retry_after_ms, http_status, attempts, provider_request_id, occurred_at)
            values (:tenant, :id, :integration, :provider, :operation, :type, :message, :retryable, :retryAfter,
                    :httpStatus, :attempts, :providerRequestId, :at)""";
    private static final String RECENT = """
            select id, operation, type, message, retryable, retry_after_ms, http_status, attempts, occurred_at
            from integration_errors where tenant_id = :tenant and integration_id = :integration
            order by occurred_at desc, id limit :limit""";

    record Recorded(UUID tenantId, UUID id, UUID integrationId, String provider, String operation, ErrorType type,
                    String message, boolean retryable, Long retryAfterMs, Integer httpStatus, int attempts,
                    String providerRequestId, Instant at) {
    }

    record ErrorRow(UUID incidentId, String operation, String type, String message, boolean retryable,
                    Long retryAfterMs, Integer httpStatus, int attempts, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    IntegrationErrors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Recorded e) {
        jdbc.sql(INSERT).param("tenant", e.tenantId()).param("id", e.id()).param("integration", e.integrationId())
                .param("provider", e.provider()).param("operation", e.operation()).param("type", e.type().value())
                .param("message", e.message()).param("retryable", e.retryable()).param("retryAfter", e.retryAfterMs())
                .param("httpStatus", e.httpStatus()).param("attempts", e.attempts())
                .param("providerRequestId", e.providerRequestId()).param("at", SqlValues.timestamp(e.at())).update();
    }

    List<ErrorRow> recent(UUID tenantId, UUID integrationId, int limit) {
        return jdbc.sql(RECENT).param("tenant", tenantId).param("integration", integrationId).param("limit", limit)
                .query((rs, n) -> new ErrorRow(rs.getObject("id", UUID.class), rs.getString("operation"),
                        rs.getString("type"), rs.getString("message"), rs.getBoolean("retryable"),
                        (Long) rs.getObject("retry_after_ms"), (Integer) rs.getObject("http_status"),
                        rs.getInt("attempts"), SqlValues.instant(rs, "occurred_at")))
                .list();
    }
}
