package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * The desk's settings: the migration mode (the stored setting, changed by staff, else
 * {@code hub.support.migration-mode}) and the desk tenant, whose webhook endpoints get every ticket's
 * {@code support.ticket_created} (none until staff choose one). Read on each use, so every node
 * follows a change at once.
 */
@Repository
class DeskSettings {

    private static final String READ = "select migration_mode from support_settings where id";
    private static final String WRITE = """
            insert into support_settings (id, migration_mode, updated_at, updated_by) values (true, :mode, :now, :by)
            on conflict (id) do update set migration_mode = excluded.migration_mode, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by""";

    private static final String READ_DESK_TENANT = "select desk_tenant_id from support_settings where id";
    private static final String WRITE_DESK_TENANT = """
            insert into support_settings (id, migration_mode, desk_tenant_id, updated_at, updated_by)
            values (true, :mode, :desk, :now, :by)
            on conflict (id) do update set desk_tenant_id = excluded.desk_tenant_id, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by""";

    private final JdbcClient jdbc;
    private final MigrationMode configured;

    DeskSettings(JdbcClient jdbc, SupportProperties properties) {
        this.jdbc = jdbc;
        this.configured = MigrationMode.parse(properties.migrationMode());
    }

    MigrationMode mode() {
        return jdbc.sql(READ).query(String.class).optional().map(MigrationMode::parse).orElse(configured);
    }

    void setMode(MigrationMode mode, UUID by, Instant now) {
        jdbc.sql(WRITE).param("mode", mode.value()).param("now", SqlValues.timestamp(now)).param("by", by).update();
    }

    /** The tenant whose webhook endpoints receive the desk's events, if staff chose one. */
    Optional<UUID> deskTenant() {
        return jdbc.sql(READ_DESK_TENANT).query((rs, row) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .optional().flatMap(desk -> desk);
    }

    /** Sets (or, with null, clears) the desk tenant. */
    void setDeskTenant(UUID deskTenant, UUID by, Instant now) {
        jdbc.sql(WRITE_DESK_TENANT).param("mode", mode().value()).param("desk", deskTenant)
                .param("now", SqlValues.timestamp(now)).param("by", by).update();
    }
}
