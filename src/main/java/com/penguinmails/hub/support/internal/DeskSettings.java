package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * The desk's migration mode: the stored setting (changed by staff), else {@code hub.support.migration-mode}.
 * Read on each use, so every node follows a change at once.
 */
@Repository
class DeskSettings {

    private static final String READ = "select migration_mode from support_settings where id";
    private static final String WRITE = """
            insert into support_settings (id, migration_mode, updated_at, updated_by) values (true, :mode, :now, :by)
            on conflict (id) do update set migration_mode = excluded.migration_mode, updated_at = excluded.updated_at,
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
}
