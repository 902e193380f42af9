package com.penguinmails.hub.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.database.DatabaseRoles;
import com.penguinmails.hub.platform.database.EmbeddedPostgresServer;

/**
 * One embedded PostgreSQL per test JVM, shared by every test class, with the owner and application
 * roles created by the same code the hub runs in production. Tests connect as the application role,
 * so row-level security is real. Stopped when the JVM exits, once every Spring context has closed, and its
 * data folder (under {@code target/}) deleted.
 */
public final class TestDatabase {

    public static final String DATABASE = "penguinmails";
    public static final String OWNER = "hub_owner";
    public static final String APP = "hub_app";

    /**
     * Tests run without fsync for speed; benchmarks (-Pbench sets {@code test.db.durable}) measure the
     * durable database production runs, where a commit waits for its WAL flush.
     */
    private static final boolean DURABLE = Boolean.getBoolean("test.db.durable");
    /** {@code -Dtest.db.statement-statistics=true}: pg_stat_statements for {@link StatementStatistics}. */
    static final boolean STATEMENT_STATISTICS = Boolean.getBoolean("test.db.statement-statistics");

    private static EmbeddedPostgresServer server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-postgres-");
                server = EmbeddedPostgresServer.start(
                        new PlatformProperties.Embedded(dir, 0, DATABASE, Duration.ofSeconds(60), DURABLE,
                                STATEMENT_STATISTICS));
                DatabaseRoles.bootstrap(server.jdbcUrl("postgres"), server.jdbcUrl(DATABASE), server.superuser(),
                        server.credentials().superuser(), DATABASE, OWNER, server.credentials().owner(), APP,
                        server.credentials().app());
                // after every Spring context of this JVM has closed (its workers stopped), not beside them; the data
                // folder goes with the server (a benchmark's is gigabytes, and every run makes a new one)
                EmbeddedPostgresServer started = server;
                SpringApplication.getShutdownHandlers().add(() -> {
                    started.close();
                    FileSystemUtils.deleteRecursively(dir.toFile());
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    public static String url() {
        return server().jdbcUrl(DATABASE);
    }

    /** The application role's password (the embedded database's generated one). */
    public static String appPassword() {
        return server().credentials().app();
    }

    /** The owner role's password. */
    public static String ownerPassword() {
        return server().credentials().owner();
    }

    /** A connection as the application role: what the hub itself uses. */
    public static Connection asApplication() throws SQLException {
        return DriverManager.getConnection(url(), APP, appPassword());
    }

    /** A connection as the owner role, for fixtures and for checking what really was stored. */
    public static Connection asOwner() throws SQLException {
        return DriverManager.getConnection(url(), OWNER, ownerPassword());
    }

    /** A connection as the superuser {@code postgres}. */
    public static Connection asSuperuser() throws SQLException {
        return DriverManager.getConnection(url(), server().superuser(), server().credentials().superuser());
    }

    /** The single number a query as the owner role answers ({@code select count(*) …}), with {@code ?} parameters. */
    public static long count(String sql, Object... args) {
        try (Connection c = asOwner(); java.sql.PreparedStatement ps = prepared(c, sql, args);
             java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement as the owner role (fixtures the API cannot make), with {@code ?} parameters. */
    public static void execute(String sql, Object... args) {
        try (Connection c = asOwner(); java.sql.PreparedStatement ps = prepared(c, sql, args)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.sql.PreparedStatement prepared(Connection c, String sql, Object... args) throws SQLException {
        java.sql.PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
