package com.penguinmails.hub.platform.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.penguinmails.hub.platform.PlatformProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL the hub starts by default must keep what the hub acknowledged through a
 * crash: the library underneath starts it with fsync and synchronous commit off unless told otherwise.
 */
class EmbeddedPostgresDurabilityTests {

    @TempDir
    Path data;

    @Test
    void theHubsOwnEmbeddedDatabaseSyncsEveryCommit() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                new PlatformProperties.Embedded(data, 0, "penguinmails", Duration.ofSeconds(60), true, false));
             Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(),
                     server.credentials().superuser());
             Statement st = c.createStatement()) {
            assertThat(setting(st, "fsync")).isEqualTo("on");
            assertThat(setting(st, "synchronous_commit")).isEqualTo("on");
        }
    }

    private static String setting(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
