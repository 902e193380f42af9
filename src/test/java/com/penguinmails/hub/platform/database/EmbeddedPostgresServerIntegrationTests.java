package com.penguinmails.hub.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.penguinmails.hub.platform.PlatformProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL as the hub runs it: passwords on every role, one live hub per folder, no
 * folder of another major version opened, and started again by its supervisor when it dies.
 */
class EmbeddedPostgresServerIntegrationTests {

    @TempDir
    Path work;

    /** Durable, as the hub runs it: a commit is on disk before it is acknowledged. */
    private PlatformProperties.Embedded settings(Path dataDir) {
        return new PlatformProperties.Embedded(dataDir, 0, "penguinmails", Duration.ofSeconds(60), true, false);
    }

    @Test
    void everyRoleNeedsItsPasswordAndNothingIsTrusted() throws Exception {
        Path dataDir = work.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings(dataDir))) {
            String url = server.jdbcUrl("postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection c = DriverManager.getConnection(url, "postgres", server.credentials().superuser());
                 Statement st = c.createStatement()) {
                assertThat(single(st, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"))
                        .isEqualTo("0");
                assertThat(single(st, "select current_setting('listen_addresses')")).isEqualTo("localhost");
                assertThat(single(st, "select current_setting('server_version_num')"))
                        .startsWith(Integer.toString(EmbeddedPostgresServer.MAJOR_VERSION));
            }
            Path credentials = EmbeddedCredentials.fileFor(dataDir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            assertThat(Files.readString(credentials)).contains(server.credentials().superuser());
        }
        // a second start reads the same passwords
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(settings(dataDir));
             Connection c = DriverManager.getConnection(again.jdbcUrl("postgres"), "postgres",
                     again.credentials().superuser())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aFolderInUseByALiveHubIsRefused() {
        Path dataDir = work.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(settings(dataDir))) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(settings(dataDir)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running hub");
            assertThat(first.isRunning()).isTrue();
        }
    }

    @Test
    void aFolderOfAnotherMajorVersionIsRefusedAndLeftUntouched() throws Exception {
        Path dataDir = work.resolve("postgres");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("PG_VERSION"), "14\n");
        Files.writeString(dataDir.resolve("postgresql.conf"), "# made by 14\n");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(settings(dataDir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("made by PostgreSQL 14")
                .hasMessageContaining("pg_dump")
                .hasMessageContaining("pg_restore");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("PG_VERSION", "postgresql.conf");
        }
        assertThat(Files.readString(dataDir.resolve("PG_VERSION"))).isEqualTo("14\n");
    }

    @Test
    void theSupervisorStartsADeadServerAgainWithEverythingCommitted() throws Exception {
        Path dataDir = work.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings(dataDir))) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            EmbeddedDatabaseSupervisor supervisor = new EmbeddedDatabaseSupervisor(server, meters);
            supervisor.start();
            try {
                String url = server.jdbcUrl("postgres");
                String password = server.credentials().superuser();
                try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement st = c.createStatement()) {
                    st.execute("create table kept (n int)");
                    st.execute("insert into kept values (42)");
                }
                long pid = server.pid().orElseThrow();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                await().atMost(Duration.ofSeconds(60)).until(() -> server.pid().filter(p -> p != pid).isPresent());
                assertThat(meters.get("hub.db.embedded.restarts").counter().count()).isEqualTo(1.0);
                assertThat(server.port()).isPositive();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                    try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement st = c.createStatement()) {
                        assertThat(single(st, "select n from kept")).isEqualTo("42");
                    }
                });
                assertThat(meters.get("hub.db.embedded.up").gauge().value()).isEqualTo(1.0);
            } finally {
                supervisor.stop();
            }
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
