package com.penguinmails.hub.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.database.DatabaseRoles;
import com.penguinmails.hub.platform.database.EmbeddedPostgresServer;

/**
 * A PostgreSQL the test owns, outside every hub process: hubs may be killed while it keeps their
 * data, and the test may stop and restart it (same port, same data folder) under a running hub.
 * Roles are created by the same code the hub runs for its embedded database.
 */
final class ReliabilityDatabase implements AutoCloseable {

    static final String DATABASE = "penguinmails";
    static final String OWNER = "hub_owner";
    static final String APP = "hub_app";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgresServer server;

    private ReliabilityDatabase(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static ReliabilityDatabase start(Path dataDir) throws IOException {
        ReliabilityDatabase database = new ReliabilityDatabase(dataDir, freePort());
        database.startServer();
        DatabaseRoles.bootstrap(database.server.jdbcUrl("postgres"), database.url(), database.server.superuser(),
                DATABASE, OWNER, null, APP, null);
        return database;
    }

    private void startServer() {
        server = EmbeddedPostgresServer.start(new PlatformProperties.Embedded(dataDir, port, DATABASE, Duration.ofSeconds(60), false, false));
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** Shuts PostgreSQL down (fast mode: open connections are terminated, SQLSTATE 57P01). */
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts it again on the same port and data: the hubs must reconnect by themselves. */
    synchronized void startAgain() {
        if (server == null) {
            startServer();
        }
    }

    /** The owner role: sees every tenant's rows (it owns the tables; RLS does not bind it). */
    Connection owner() throws SQLException {
        return DriverManager.getConnection(url(), OWNER, null);
    }

    Connection superuser() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", null);
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
