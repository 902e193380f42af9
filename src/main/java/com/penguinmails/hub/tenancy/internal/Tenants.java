package com.penguinmails.hub.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code tenants} table; every statement runs under the tenant scope of its transaction. */
@Repository
class Tenants {

    private static final String INSERT = """
            insert into tenants (id, name, domain, settings, status, created_at, updated_at)
            values (:id, :name, :domain, cast(:settings as jsonb), 'active', :now, :now)""";
    private static final String BY_ID = "select * from tenants where id = :id";
    private static final String UPDATE = """
            update tenants set name = :name, domain = :domain, settings = cast(:settings as jsonb), updated_at = :now
            where id = :id""";

    private final JdbcClient jdbc;
    private final SqlValues values;

    Tenants(JdbcClient jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    void insert(Tenant tenant) {
        jdbc.sql(INSERT).param("id", tenant.id()).param("name", tenant.name()).param("domain", tenant.domain())
                .param("settings", values.jsonb(tenant.settings()))
                .param("now", SqlValues.timestamp(tenant.createdAt()))
                .update();
    }

    Optional<Tenant> byId(UUID id) {
        return jdbc.sql(BY_ID).param("id", id).query(this::map).optional();
    }

    void update(Tenant tenant, Instant now) {
        jdbc.sql(UPDATE).param("id", tenant.id()).param("name", tenant.name()).param("domain", tenant.domain())
                .param("settings", values.jsonb(tenant.settings())).param("now", SqlValues.timestamp(now))
                .update();
    }

    private Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("domain"),
                values.jsonbMap(rs, "settings"), rs.getString("status"),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }
}
