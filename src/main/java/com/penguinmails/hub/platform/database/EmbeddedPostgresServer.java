package com.penguinmails.hub.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.hub.platform.PlatformProperties;

/**
 * The PostgreSQL server the hub starts itself when no database URL is configured. Its data
 * folder is kept between runs, so a restart keeps every tenant, user and session. It listens on
 * loopback only and trusts local connections: it is for one machine, not for production traffic.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static EmbeddedPostgresServer start(PlatformProperties.Embedded settings) {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // stopped by its owner (the context's DatabaseEndpoint, the tests' TestDatabase) after what
                    // uses it: a JVM hook of its own would race the application's shutdown and stop the
                    // database under workers still recording their last deliveries (SQLSTATE 57P01)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(settings.startupTimeout())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    // the outbox tables fill in bursts: until its first ANALYZE a table has no statistics, the
                    // planner takes "tenant_id = ?" for a rare value and joins a batch of 200 ids by scanning the
                    // tenant's rows once per id (seen: 470 ms instead of 3 ms per statement). PostgreSQL's own
                    // default looks for tables to analyze once a minute; every 10 s shortens that blind window
                    .setServerConfig("autovacuum_naptime", "10s");
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
            if (settings.port() > 0) {
                builder.setPort(settings.port());
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL {} on port {} with data in {}",
                    fresh ? "initialised and started" : "started", postgres.getPort(), dataDir);
            return new EmbeddedPostgresServer(postgres, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** JDBC URL of a database on this server (no credentials in it). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public String superuser() {
        return "postgres";
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
