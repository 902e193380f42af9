package com.penguinmails.hub.oauth.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code contact_imports} table: requested imports, leased by workers on any node. */
@Repository
class ContactImports {

    private static final String INSERT = """
            insert into contact_imports (tenant_id, id, connection_id, mode, requested_at)
            values (:tenant, :id, :connection, :mode, :now)""";
    private static final String ACTIVE = """
            select id from contact_imports
            where tenant_id = :tenant and connection_id = :connection and state in ('pending', 'running')""";
    private static final String CLAIM = "select tenant_id, id from claim_contact_imports(:now, :lease, :max)";
    private static final String ONE = """
            select tenant_id, id, connection_id, state, mode, pages, imported, requested_at, started_at, finished_at,
                   error
            from contact_imports where tenant_id = :tenant and id = :id""";
    private static final String START = """
            update contact_imports set state = 'running', started_at = :now, pages = 0, imported = 0
            where tenant_id = :tenant and id = :id""";
    private static final String PROGRESS = """
            update contact_imports set pages = pages + 1, imported = imported + :imported, locked_until = :until
            where tenant_id = :tenant and id = :id""";
    private static final String FINISH = """
            update contact_imports set state = :state, error = :error, finished_at = :now, locked_until = null
            where tenant_id = :tenant and id = :id""";

    record Import(UUID tenantId, UUID id, UUID connectionId, String state, String mode, int pages, int imported,
                  Instant requestedAt, Instant startedAt, Instant finishedAt, String error) {
    }

    record Claimed(UUID tenantId, UUID id) {
    }

    private final JdbcClient jdbc;

    ContactImports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, UUID id, UUID connectionId, String mode, Instant now) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", id).param("connection", connectionId)
                .param("mode", mode).param("now", SqlValues.timestamp(now)).update();
    }

    Optional<UUID> active(UUID tenantId, UUID connectionId) {
        return jdbc.sql(ACTIVE).param("tenant", tenantId).param("connection", connectionId).query(UUID.class)
                .optional();
    }

    List<Claimed> claim(Instant now, int leaseSeconds, int max) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("lease", leaseSeconds).param("max", max)
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    Optional<Import> find(UUID tenantId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id)
                .query((rs, n) -> new Import(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getObject("connection_id", UUID.class), rs.getString("state"), rs.getString("mode"),
                        rs.getInt("pages"), rs.getInt("imported"), SqlValues.instant(rs, "requested_at"),
                        SqlValues.instant(rs, "started_at"), SqlValues.instant(rs, "finished_at"), rs.getString("error")))
                .optional();
    }

    void start(UUID tenantId, UUID id, Instant now) {
        jdbc.sql(START).param("tenant", tenantId).param("id", id).param("now", SqlValues.timestamp(now)).update();
    }

    void progress(UUID tenantId, UUID id, int imported, Instant leaseUntil) {
        jdbc.sql(PROGRESS).param("tenant", tenantId).param("id", id).param("imported", imported)
                .param("until", SqlValues.timestamp(leaseUntil)).update();
    }

    void finish(UUID tenantId, UUID id, String state, String error, Instant now) {
        jdbc.sql(FINISH).param("tenant", tenantId).param("id", id).param("state", state)
                .param("error", Connections.shorten(error)).param("now", SqlValues.timestamp(now)).update();
    }
}
