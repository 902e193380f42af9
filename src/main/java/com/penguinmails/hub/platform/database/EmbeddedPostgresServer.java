package com.penguinmails.hub.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.hub.platform.PlatformProperties;

/**
 * The PostgreSQL server the hub starts itself when no database URL is configured. Its data folder is
 * kept between runs, so a restart keeps every tenant, user and session. The hub owns the folder:
 * <ul>
 *   <li>a lock beside it ({@link DataFolderLock}) refuses a second live hub on the same folder;</li>
 *   <li>a server left running by a hub that died (SIGKILL leaves it behind) is stopped before a new one
 *       starts ({@link LeftoverPostmaster});</li>
 *   <li>a folder made by another PostgreSQL major version is refused, never opened;</li>
 *   <li>every role signs in with a password (scram-sha-256, {@link EmbeddedCredentials}); the server
 *       listens on loopback only and trusts no connection;</li>
 *   <li>{@link #restart()} starts it again on the same port and folder when it died
 *       ({@link EmbeddedDatabaseSupervisor} calls it).</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The PostgreSQL major version whose binaries the hub carries. */
    public static final int MAJOR_VERSION = 17;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String HBA = """
            # Written by the PenguinMails hub at every start: every role signs in with a password, on loopback only.
            # The passwords are in the .credentials file beside this data folder.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private final PlatformProperties.Embedded settings;
    private final Path dataDir;
    private final DataFolderLock lock;
    private final EmbeddedCredentials credentials;
    private volatile EmbeddedPostgres postgres;
    private volatile Optional<ProcessHandle> postmaster;
    private final int port;
    private volatile boolean closed;

    private EmbeddedPostgresServer(PlatformProperties.Embedded settings, Path dataDir, DataFolderLock lock,
                                   EmbeddedCredentials credentials, EmbeddedPostgres postgres) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.lock = lock;
        this.credentials = credentials;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.postmaster = LeftoverPostmaster.running(dataDir);
    }

    public static EmbeddedPostgresServer start(PlatformProperties.Embedded settings) {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        DataFolderLock lock = DataFolderLock.take(dataDir);
        try {
            refuseOtherMajorVersion(dataDir);
            LeftoverPostmaster.stopIfRunning(dataDir, settings.startupTimeout().toSeconds());
            EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = launch(settings, dataDir, credentials, settings.port());
            log.info("Embedded PostgreSQL {} {} on port {} with data in {}", MAJOR_VERSION,
                    fresh ? "initialised and started" : "started", postgres.getPort(), dataDir);
            return new EmbeddedPostgresServer(settings, dataDir, lock, credentials, postgres);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedPostgres launch(PlatformProperties.Embedded settings, Path dataDir,
                                           EmbeddedCredentials credentials, int port) {
        Path passwordFile = null;
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // stopped by its owner (the context's DatabaseEndpoint, the tests' TestDatabase) after what
                    // uses it: a JVM hook of its own would race the application's shutdown and stop the
                    // database under workers still recording their last deliveries (SQLSTATE 57P01)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(settings.startupTimeout())
                    .setConnectConfig("password", credentials.superuser())
                    .setDataDirectoryCustomizer(folder -> writeHba(folder.toPath()))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "200")
                    // the outbox tables fill in bursts: until its first ANALYZE a table has no statistics, and the
                    // planner takes "tenant_id = ?" for a rare value (seen: 470 ms instead of 3 ms per statement);
                    // looking for tables to analyze every 10 s instead of every minute shortens that blind window
                    .setServerConfig("autovacuum_naptime", "10s");
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                // the library runs initdb with "-A trust"; initdb reads its options in order, so a later
                // --auth wins, and --pwfile gives the superuser its password before the server ever listens
                passwordFile = credentials.superuserPasswordFile(dataDir.getParent());
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (settings.durable()) {
                // the library starts postgres with -F (fsync off) and synchronous_commit off: an answered
                // webhook could vanish in a crash. "-c fsync=on" comes after -F on the command line and wins.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (settings.statementStatistics()) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all")
                        .setServerConfig("pg_stat_statements.track_planning", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException ignored) {
                    // a temporary file, owner-only
                }
            }
        }
    }

    private static void writeHba(Path folder) {
        try {
            Files.writeString(folder.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pg_hba.conf in " + folder, e);
        }
    }

    private static void refuseOtherMajorVersion(Path dataDir) {
        Path versionFile = dataDir.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String version;
        try {
            version = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + versionFile, e);
        }
        if (!version.equals(Integer.toString(MAJOR_VERSION))) {
            throw new IllegalStateException("""
                    The embedded database folder %1$s was made by PostgreSQL %2$s; this hub runs PostgreSQL %3$d, \
                    which cannot open it. The folder is left untouched. To move the data: start the folder once more \
                    with PostgreSQL %2$s (the hub release that made it), dump it with \
                    `pg_dump -h localhost -p <its port> -U postgres -Fc -f penguinmails.dump penguinmails`, stop it, \
                    move the folder aside (`mv %1$s %1$s-%2$s`), start this hub with HUB_DB_MIGRATE=false once so that \
                    it makes an empty PostgreSQL %3$d database, and restore into it with \
                    `pg_restore -h localhost -p <new port> -U postgres -d penguinmails penguinmails.dump` \
                    (the passwords are in %4$s). docs/RELIABILITY.md walks through it."""
                    .formatted(dataDir, version, MAJOR_VERSION, EmbeddedCredentials.fileFor(dataDir)));
        }
    }

    /** JDBC URL of a database on this server (no credentials in it). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String superuser() {
        return "postgres";
    }

    public EmbeddedCredentials credentials() {
        return credentials;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** Whether the server's postmaster is running. */
    public boolean isRunning() {
        return postmaster.map(ProcessHandle::isAlive).orElse(false);
    }

    /** The postmaster's process id, while it runs. */
    public Optional<Long> pid() {
        return postmaster.filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /**
     * Starts the server again on the same port and folder after it died. What it committed is on disk:
     * PostgreSQL replays its write-ahead log before it accepts connections.
     */
    public synchronized void restart() {
        if (closed) {
            return;
        }
        stopQuietly(postgres);
        LeftoverPostmaster.stopIfRunning(dataDir, settings.startupTimeout().toSeconds());
        postgres = launch(settings, dataDir, credentials, port);
        postmaster = LeftoverPostmaster.running(dataDir);
        log.info("Embedded PostgreSQL started again on port {} with data in {}", port, dataDir);
    }

    private static void stopQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close(); // releases the library's own lock; its "pg_ctl stop" of a dead server fails harmlessly
        } catch (IOException | RuntimeException e) {
            log.debug("Stopping the dead embedded PostgreSQL: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            lock.close();
        }
    }
}
