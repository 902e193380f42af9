package com.penguinmails.hub.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.database.DatabaseRoles;
import com.penguinmails.hub.platform.database.EmbeddedCredentials;
import com.penguinmails.hub.platform.database.EmbeddedPostgresServer;

/**
 * The PostgreSQL a reliability test's hubs use, in one of three kinds:
 * <ul>
 *   <li>{@link #start(Path)}: an embedded server the test owns, outside every hub process: hubs may be
 *       killed while it keeps their data, and the test may stop and restart it under a running hub;</li>
 *   <li>{@link #packagedOr(Path)}: a real PostgreSQL server from the machine's packages ({@code .ci/run}
 *       installs Debian's {@code postgresql}), run and restarted by the test ({@link PackagedPostgres});</li>
 *   <li>{@link #ofHubFolder(Path)}: the embedded server the hub jar starts itself in a data folder; the
 *       test reads its port and passwords from the folder, as an operator would.</li>
 * </ul>
 * Roles are created by the same code the hub runs for its embedded database.
 */
final class ReliabilityDatabase implements AutoCloseable {

    static final String DATABASE = "penguinmails";
    static final String OWNER = "hub_owner";
    static final String APP = "hub_app";

    private enum Kind { OWNED, PACKAGED, HUB_FOLDER }

    private final Kind kind;
    private final Path dataDir;
    private final int port;
    private final PackagedPostgres packaged;
    private EmbeddedPostgresServer server;
    private String ownerPassword;
    private String appPassword;

    private ReliabilityDatabase(Kind kind, Path dataDir, int port, PackagedPostgres packaged) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.port = port;
        this.packaged = packaged;
    }

    static ReliabilityDatabase start(Path dataDir) throws IOException {
        ReliabilityDatabase database = new ReliabilityDatabase(Kind.OWNED, dataDir, freePort(), null);
        database.startServer();
        EmbeddedCredentials credentials = database.server.credentials();
        DatabaseRoles.bootstrap(database.server.jdbcUrl("postgres"), database.url(), database.server.superuser(),
                credentials.superuser(), DATABASE, OWNER, credentials.owner(), APP, credentials.app());
        return database;
    }

    /**
     * A server from the machine's PostgreSQL package when one is installed, else an embedded one the test owns in
     * {@code dataDir}; {@link #describe()} says which.
     */
    static ReliabilityDatabase packagedOr(Path dataDir) throws IOException, InterruptedException {
        Optional<Path> bin = PackagedPostgres.installed();
        if (bin.isEmpty()) {
            return start(dataDir);
        }
        PackagedPostgres packaged = PackagedPostgres.start(bin.get());
        ReliabilityDatabase database = new ReliabilityDatabase(Kind.PACKAGED, null, packaged.port(), packaged);
        database.ownerPassword = "owner-" + UUID.randomUUID();
        database.appPassword = "app-" + UUID.randomUUID();
        DatabaseRoles.bootstrap("jdbc:postgresql://localhost:" + packaged.port() + "/postgres", database.url(),
                "postgres", packaged.superuserPassword(), DATABASE, OWNER, database.ownerPassword, APP,
                database.appPassword);
        return database;
    }

    String describe() {
        return switch (kind) {
            case OWNED -> "embedded PostgreSQL " + EmbeddedPostgresServer.MAJOR_VERSION + " owned by the test";
            case PACKAGED -> "PostgreSQL " + packaged.version() + " from the machine's packages";
            case HUB_FOLDER -> "the hub's own embedded PostgreSQL " + EmbeddedPostgresServer.MAJOR_VERSION;
        };
    }

    /** The embedded database a hub jar keeps in {@code dataDir} (start the hub first). */
    static ReliabilityDatabase ofHubFolder(Path dataDir) {
        return new ReliabilityDatabase(Kind.HUB_FOLDER, dataDir.toAbsolutePath(), -1, null);
    }

    private void startServer() {
        server = EmbeddedPostgresServer.start(new PlatformProperties.Embedded(dataDir, port, DATABASE,
                Duration.ofSeconds(60), false, false));
    }

    String url() {
        return switch (kind) {
            case OWNED, PACKAGED -> "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
            case HUB_FOLDER -> "jdbc:postgresql://localhost:" + hubFolderPort() + "/" + DATABASE;
        };
    }

    /** What a hub needs in its environment to use this database. */
    Map<String, String> hubEnvironment(String node) {
        Map<String, String> env = new LinkedHashMap<>();
        if (kind == Kind.HUB_FOLDER) {
            env.put("HUB_DB_EMBEDDED_DATA_DIR", dataDir.toString());
            return env;
        }
        // the node's name in pg_stat_activity, so the database can tell the nodes' work apart
        env.put("HUB_DB_URL", url() + (url().contains("?") ? "&" : "?") + "ApplicationName=" + node);
        env.put("HUB_DB_USERNAME", APP);
        env.put("HUB_DB_PASSWORD", password(APP));
        env.put("HUB_DB_OWNER_USERNAME", OWNER);
        env.put("HUB_DB_OWNER_PASSWORD", password(OWNER));
        return env;
    }

    private String password(String role) {
        return switch (kind) {
            case OWNED -> role.equals(OWNER) ? server.credentials().owner()
                    : role.equals(APP) ? server.credentials().app() : server.credentials().superuser();
            case PACKAGED -> role.equals(OWNER) ? ownerPassword : role.equals(APP) ? appPassword
                    : packaged.superuserPassword();
            case HUB_FOLDER -> {
                EmbeddedCredentials credentials = hubFolderCredentials();
                yield role.equals(OWNER) ? credentials.owner() : role.equals(APP) ? credentials.app() : credentials.superuser();
            }
        };
    }

    private EmbeddedCredentials hubFolderCredentials() {
        try {
            return EmbeddedCredentials.read(EmbeddedCredentials.fileFor(dataDir));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The port the hub's embedded server listens on now (line 4 of postmaster.pid). */
    private int hubFolderPort() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return Integer.parseInt(lines.get(3).strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The hub's embedded PostgreSQL in " + dataDir + " is not running", e);
        }
    }

    /** The pid of the hub's embedded postmaster (line 1 of postmaster.pid). */
    long hubFolderPostmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
    }

    /** Shuts PostgreSQL down (fast mode: open connections are terminated, SQLSTATE 57P01). */
    synchronized void stop() {
        if (kind != Kind.OWNED) {
            throw new IllegalStateException("only a database the test owns is stopped by the test");
        }
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

    /** Restarts the server with a fast shutdown, down for about {@code outage}; the hubs must reconnect by themselves. */
    void restart(Duration outage) throws IOException, InterruptedException {
        switch (kind) {
            case OWNED -> {
                stop();
                Thread.sleep(outage.toMillis());
                startAgain();
            }
            case PACKAGED -> {
                packaged.stopServer();
                Thread.sleep(outage.toMillis());
                packaged.startServer();
            }
            case HUB_FOLDER -> throw new IllegalStateException("the hub owns its embedded database");
        }
    }

    /** The owner role: sees every tenant's rows (it owns the tables; RLS does not bind it). */
    Connection owner() throws SQLException {
        return DriverManager.getConnection(url(), OWNER, password(OWNER));
    }

    Connection superuser() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", password("postgres"));
    }

    @Override
    public void close() {
        if (kind == Kind.OWNED) {
            stop();
        } else if (kind == Kind.PACKAGED) {
            packaged.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
