package com.penguinmails.hub.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tenant isolation at the SQL level, connected as the application role exactly as the hub is:
 * the database itself, not the application code, keeps tenants apart.
 */
class RowLevelSecurityIntegrationTests extends HubIntegrationTest {

    private final UUID tenantA = UUID.randomUUID();
    private final UUID tenantB = UUID.randomUUID();
    private final UUID userA = UUID.randomUUID();
    private final UUID userB = UUID.randomUUID();

    @BeforeEach
    void twoTenantsWithAMemberEach() throws SQLException {
        try (Connection owner = TestDatabase.asOwner()) {
            for (UUID[] pair : new UUID[][] {{tenantA, userA}, {tenantB, userB}}) {
                exec(owner, "insert into tenants (id, name, created_at, updated_at) values (?, 'T', now(), now())", pair[0]);
                exec(owner, """
                        insert into users (id, email, password_hash, name, created_at, updated_at)
                        values (?, ?, 'x', 'U', now(), now())""", pair[1], pair[1] + "@example.com");
                exec(owner, """
                        insert into tenant_users (tenant_id, user_id, roles, email, created_at, updated_at)
                        values (?, ?, '{owner}', 'u@example.com', now(), now())""", pair[0], pair[1]);
                exec(owner, """
                        insert into user_preferences values (?, ?, 'dark', 'en', 'UTC', true, true, true, true, now(), now())""",
                        pair[0], pair[1]);
                exec(owner, """
                        insert into audit_log (tenant_id, id, occurred_at, actor_type, actor_id, action)
                        values (?, ?, now(), 'staff', ?, 'staff.accessed_tenant')""", pair[0], UUID.randomUUID(), pair[1]);
            }
        }
    }

    @Test
    void withTenantASetTheRowsOfBAreInvisible() throws SQLException {
        try (Connection app = TestDatabase.asApplication()) {
            app.setAutoCommit(false);
            setTenant(app, tenantA);
            for (String table : List.of("tenant_users", "user_preferences", "audit_log")) {
                List<UUID> tenants = uuids(app, "select tenant_id from " + table + " where tenant_id in (?, ?)");
                assertThat(tenants).as(table).containsOnly(tenantA).isNotEmpty();
            }
            assertThat(uuids(app, "select id from tenants where id in (?, ?)")).containsExactly(tenantA);
            assertThat(count(app, "update tenants set name = 'taken over' where id = ?", tenantB)).isZero();
            assertThat(count(app, "delete from tenant_users where tenant_id = ?", tenantB)).isZero();
            app.rollback();
        }
    }

    @Test
    void insertingARowForAnotherTenantIsRefused() throws SQLException {
        try (Connection app = TestDatabase.asApplication()) {
            app.setAutoCommit(false);
            setTenant(app, tenantA);
            assertThatThrownBy(() -> exec(app, """
                    insert into tenant_users (tenant_id, user_id, roles, email, created_at, updated_at)
                    values (?, ?, '{viewer}', 'x@example.com', now(), now())""", tenantB, userA))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            app.rollback();
            setTenant(app, tenantA);
            assertThatThrownBy(() -> exec(app, "update tenant_users set tenant_id = ? where tenant_id = ?", tenantB, tenantA))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            app.rollback();
        }
    }

    @Test
    void withNoTenantSetNothingIsVisible() throws SQLException {
        try (Connection app = TestDatabase.asApplication()) {
            for (String table : tenantTables(app)) {
                assertThat(count(app, "select count(*) from " + table)).as(table).isZero();
            }
            assertThat(count(app, "select count(*) from tenants")).isZero();
        }
    }

    @Test
    void theTenantScopeEndsWithItsTransaction() throws SQLException {
        try (Connection app = TestDatabase.asApplication()) {
            app.setAutoCommit(false);
            setTenant(app, tenantA);
            assertThat(count(app, "select count(*) from tenants where id = ?", tenantA)).isEqualTo(1);
            app.commit();
            assertThat(count(app, "select count(*) from tenants where id = ?", tenantA)).isZero();
        }
    }

    @Test
    void theApplicationRoleCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection app = TestDatabase.asApplication()) {
            assertThat(count(app, """
                    select count(*) from pg_roles where rolname = current_user
                    and (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb)""")).isZero();
            assertThat(count(app, """
                    select count(*) from pg_class c join pg_roles r on r.oid = c.relowner
                    where r.rolname = current_user""")).isZero();
            assertThatThrownBy(() -> exec(app, "create table sneaky (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> exec(app, "alter table tenants disable row level security"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
        }
    }

    /** Guards later migrations: a tenant-owned table without RLS or with tenant_id not first in its key fails here. */
    @Test
    void everyTenantOwnedTableHasTenantIdFirstAndAnEnforcedPolicy() throws SQLException {
        try (Connection owner = TestDatabase.asOwner()) {
            List<String> tables = tenantTables(owner);
            assertThat(tables).contains("tenant_users", "user_preferences", "audit_log", "api_keys");
            for (String table : tables) {
                assertThat(count(owner, "select count(*) from pg_class where relname = ? and relrowsecurity", table))
                        .as("RLS enabled on " + table).isEqualTo(1);
                assertThat(count(owner, """
                        select count(*) from pg_policies where tablename = ?
                        and qual like '%hub_current_tenant()%' and with_check like '%hub_current_tenant()%'""", table))
                        .as("tenant policy on " + table).isGreaterThanOrEqualTo(1);
                assertThat(count(owner, """
                        select count(*) from pg_index i
                        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                        where i.indrelid = ?::regclass and i.indisprimary and a.attname = 'tenant_id'""", table))
                        .as("tenant_id first in the primary key of " + table).isEqualTo(1);
            }
        }
    }

    private static List<String> tenantTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select table_name from information_schema.columns
                where table_schema = 'public' and column_name = 'tenant_id'
                  and table_name in (select tablename from pg_tables where schemaname = 'public')""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private void setTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('nile.tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }

    private List<UUID> uuids(Connection c, String sql) throws SQLException {
        List<UUID> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantA);
            ps.setObject(2, tenantB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return result;
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return ps.getUpdateCount();
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.execute();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
