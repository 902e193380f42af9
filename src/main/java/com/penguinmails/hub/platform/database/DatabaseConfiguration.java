package com.penguinmails.hub.platform.database;

import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

import com.penguinmails.hub.platform.PlatformProperties;

/**
 * The application's connection pool (as the application role, under row-level security) and the
 * migrations (as the owner role). With no {@code HUB_DB_URL}, the embedded PostgreSQL is started
 * and both roles are created the way the README asks an operator to create them.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(PlatformProperties properties) {
        PlatformProperties.Db db = properties.db();
        if (!db.isEmbedded()) {
            if (db.migrate() && !StringUtils.hasText(db.ownerUsername())) {
                throw new IllegalStateException(
                        "HUB_DB_OWNER_USERNAME is required to run migrations (or set HUB_DB_MIGRATE=false)");
            }
            return new DatabaseEndpoint(db.url(), db.username(), db.password(),
                    db.ownerUsername(), db.ownerPassword(), Optional.empty());
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(db.embedded());
        try {
            String database = db.embedded().database();
            EmbeddedCredentials generated = server.credentials();
            String ownerPassword = StringUtils.hasText(db.ownerPassword()) ? db.ownerPassword() : generated.owner();
            String appPassword = StringUtils.hasText(db.password()) ? db.password() : generated.app();
            DatabaseRoles.bootstrap(server.jdbcUrl("postgres"), server.jdbcUrl(database), server.superuser(),
                    generated.superuser(), database, db.ownerUsername(), ownerPassword, db.username(), appPassword);
            return new DatabaseEndpoint(server.jdbcUrl(database), db.username(), appPassword,
                    db.ownerUsername(), ownerPassword, Optional.of(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Restarts the embedded PostgreSQL when it dies; with an external database, the database's operator does. */
    @Bean
    SmartLifecycle embeddedDatabaseSupervisor(DatabaseEndpoint endpoint, MeterRegistry meters) {
        return endpoint.embedded().<SmartLifecycle>map(server -> new EmbeddedDatabaseSupervisor(server, meters))
                .orElseGet(EmbeddedDatabaseSupervisor::none);
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseEndpoint endpoint, PlatformProperties properties) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("hub");
        pool.setJdbcUrl(endpoint.url());
        pool.setUsername(endpoint.appUser());
        pool.setPassword(endpoint.appPassword());
        pool.setMaximumPoolSize(properties.db().poolSize());
        // Fail fast while the database is down (503 to the caller, a retry for workers); Hikari drops
        // connections the server closed (SQLSTATE 08xxx, 57P01) and opens new ones once it is back.
        long timeout = Math.max(250, properties.db().connectionTimeout().toMillis());
        pool.setConnectionTimeout(timeout);
        pool.setValidationTimeout(Math.max(250, Math.min(timeout / 2, 5000)));
        // Bounded waits on every connection: opening one gives up with the pool's timeout, a statement is
        // cancelled by the server after statement-timeout, and a connection whose server stopped answering
        // (half-open TCP, a frozen host) is dropped after the socket timeout instead of holding its thread
        long statementTimeout = properties.db().statementTimeout().toMillis();
        pool.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, (timeout + 999) / 1000)));
        pool.addDataSourceProperty("socketTimeout", Long.toString(properties.db().socketTimeout().toSeconds()));
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        if (statementTimeout > 0) {
            pool.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout);
        }
        pool.addDataSourceProperty("ApplicationName", "penguinmails-hub");
        // a JDBC batch of inserts goes to the server as multi-row inserts (few round trips)
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return pool;
    }

    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(DatabaseEndpoint endpoint, PlatformProperties properties) {
        return configuration -> configuration
                .dataSource(endpoint.url(), endpoint.ownerUser(), endpoint.ownerPassword())
                .placeholders(java.util.Map.of("app_role", endpoint.appUser()));
    }

    @Bean
    TenantAwareTransactionManager transactionManager(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    @Bean
    TenantTransactions tenantTransactions(TenantAwareTransactionManager transactionManager) {
        return new TenantTransactions(transactionManager);
    }

    @Bean
    ApplicationRunner applicationRoleCheck(JdbcClient jdbc) {
        return args -> new ApplicationRoleCheck(jdbc).verify();
    }
}
