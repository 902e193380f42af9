package com.penguinmails.hub.platform.database;

import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
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
            DatabaseRoles.bootstrap(server.jdbcUrl("postgres"), server.jdbcUrl(database), server.superuser(),
                    database, db.ownerUsername(), db.ownerPassword(), db.username(), db.password());
            return new DatabaseEndpoint(server.jdbcUrl(database), db.username(), db.password(),
                    db.ownerUsername(), db.ownerPassword(), Optional.of(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
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
