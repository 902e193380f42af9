package com.penguinmails.hub.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Settings of the platform module, bound from {@code hub.*} (environment {@code HUB_*}).
 *
 * @param publicBaseUrl the address users and providers reach the hub at (links in emails, redirects)
 * @param db            the database the hub connects to
 * @param http          limits applied to every HTTP request
 * @param net           rules for the hub's own outgoing connections
 */
@ConfigurationProperties("hub")
public record PlatformProperties(
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue Db db,
        @DefaultValue Http http,
        @DefaultValue Net net) {

    /**
     * @param url           JDBC URL of an external PostgreSQL / NileDB database; blank starts the embedded one
     * @param username      the application role: owns nothing, no BYPASSRLS
     * @param password      its password
     * @param ownerUsername the role that owns the schema and runs the migrations
     * @param ownerPassword its password
     * @param migrate       whether the hub runs its Flyway migrations at start-up
     * @param poolSize      maximum connections of the application pool
     * @param connectionTimeout longest a request or worker waits for a pooled connection; while the
     *                      database is down, requests fail after this with 503 instead of hanging
     * @param statementTimeout longest one statement of the application may run before the server cancels it
     *                      (0: no limit)
     * @param socketTimeout longest the driver waits for any answer of the server: a connection whose server
     *                      stopped answering is dropped after this instead of holding a thread; longer than
     *                      statementTimeout
     * @param embedded      settings of the embedded PostgreSQL
     */
    public record Db(
            String url,
            @DefaultValue("hub_app") String username,
            String password,
            @DefaultValue("hub_owner") String ownerUsername,
            String ownerPassword,
            @DefaultValue("true") boolean migrate,
            @DefaultValue("10") int poolSize,
            @DefaultValue("3s") Duration connectionTimeout,
            @DefaultValue("30s") Duration statementTimeout,
            @DefaultValue("45s") Duration socketTimeout,
            @DefaultValue Embedded embedded) {

        public boolean isEmbedded() {
            return !StringUtils.hasText(url);
        }
    }

    /**
     * @param dataDir  where the embedded PostgreSQL keeps its data across restarts
     * @param port     its port on loopback; 0 picks a free one
     * @param database the database it creates for the hub
     * @param durable  fsync and synchronous commit on, so what the hub acknowledged survives a crash of
     *                 PostgreSQL or of the machine (the embedded library turns both off by default);
     *                 tests that never crash their database turn it off for speed
     * @param statementStatistics load pg_stat_statements (every statement, nested ones too, with planning
     *                 time), so the superuser can read what each statement cost (profiling; off by default)
     */
    public record Embedded(
            @DefaultValue("data/postgres") Path dataDir,
            @DefaultValue("0") int port,
            @DefaultValue("penguinmails") String database,
            @DefaultValue("60s") Duration startupTimeout,
            @DefaultValue("true") boolean durable,
            @DefaultValue("false") boolean statementStatistics) {
    }

    /**
     * @param allowLoopback let provider calls and webhook deliveries reach loopback addresses
     *                      (development and tests only); every other non-public address stays refused
     */
    public record Net(@DefaultValue("false") boolean allowLoopback) {
    }

    /** @param maxRequestBytes the largest request body accepted (413 beyond it) */
    public record Http(@DefaultValue("1048576") long maxRequestBytes) {
    }
}
