package com.penguinmails.hub.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.security.AuditEntry;

/** The {@code audit_log} table: insert and keyset-paged reads, newest first. Nothing else is allowed. */
@Repository
class AuditRecords {

    private static final String INSERT = """
            insert into audit_log (tenant_id, id, occurred_at, actor_type, actor_id, action, target_type, target_id,
                                   changes, details, client_address, user_agent, request_id)
            values (:tenant, :id, :at, :actorType, :actorId, :action, :targetType, :targetId,
                    cast(:changes as jsonb), cast(:details as jsonb), :address, :agent, :requestId)""";
    private static final String PAGE = """
            select * from audit_log
            where tenant_id = :tenant
              and (cast(:action as text) is null or action = cast(:action as text))
              and (cast(:actorId as uuid) is null or actor_id = cast(:actorId as uuid))
              and (cast(:targetType as text) is null or target_type = cast(:targetType as text))
              and (cast(:targetId as text) is null or target_id = cast(:targetId as text))
              and (cast(:from as timestamptz) is null or occurred_at >= cast(:from as timestamptz))
              and (cast(:to as timestamptz) is null or occurred_at < cast(:to as timestamptz))
              and (cast(:afterAt as timestamptz) is null
                   or (occurred_at, id) < (cast(:afterAt as timestamptz), cast(:afterId as uuid)))
            order by occurred_at desc, id desc
            limit :limit""";

    private final JdbcClient jdbc;
    private final SqlValues values;

    AuditRecords(JdbcClient jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    /** A stored entry, as the query API returns it. */
    record StoredEntry(UUID id, Instant occurredAt, String actorType, UUID actorId, String action,
                       String targetType, String targetId, Map<String, Object> changes, Map<String, Object> details,
                       String clientAddress, String userAgent, String requestId) {
    }

    /** What to read: every filter is optional; {@code after} continues after a cursor. */
    record Query(UUID tenantId, String action, UUID actorId, String targetType, String targetId, Instant from,
                 Instant to, AuditCursor after, int limit) {
    }

    void insert(UUID id, Instant at, AuditEntry e) {
        jdbc.sql(INSERT).param("tenant", e.tenantId()).param("id", id).param("at", SqlValues.timestamp(at))
                .param("actorType", e.actor().type().value()).param("actorId", e.actor().id())
                .param("action", e.action()).param("targetType", e.targetType()).param("targetId", e.targetId())
                .param("changes", values.jsonb(e.changes().asMap())).param("details", values.jsonb(e.details()))
                .param("address", e.clientAddress()).param("agent", e.userAgent()).param("requestId", e.requestId())
                .update();
    }

    List<StoredEntry> page(Query q) {
        return jdbc.sql(PAGE).param("tenant", q.tenantId()).param("action", q.action()).param("actorId", q.actorId())
                .param("targetType", q.targetType()).param("targetId", q.targetId())
                .param("from", SqlValues.timestamp(q.from())).param("to", SqlValues.timestamp(q.to()))
                .param("afterAt", q.after() == null ? null : SqlValues.timestamp(q.after().occurredAt()))
                .param("afterId", q.after() == null ? null : q.after().id())
                .param("limit", q.limit())
                .query(this::map).list();
    }

    private StoredEntry map(ResultSet rs, int row) throws SQLException {
        return new StoredEntry(rs.getObject("id", UUID.class), SqlValues.instant(rs, "occurred_at"),
                rs.getString("actor_type"), rs.getObject("actor_id", UUID.class), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), values.jsonbMap(rs, "changes"),
                values.jsonbMap(rs, "details"), rs.getString("client_address"), rs.getString("user_agent"),
                rs.getString("request_id"));
    }
}
