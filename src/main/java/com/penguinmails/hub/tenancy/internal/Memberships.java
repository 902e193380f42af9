package com.penguinmails.hub.tenancy.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.tenancy.TenantRole;

/** The {@code tenant_users} table: who belongs to which tenant, with which roles. */
@Repository
class Memberships {

    private static final String SELECT = """
            select tu.tenant_id, t.name as tenant_name, tu.user_id, tu.email, u.name as user_name, tu.roles,
                   tu.created_at, tu.updated_at
            from tenant_users tu
            join tenants t on t.id = tu.tenant_id
            join users u on u.id = tu.user_id
            """;
    private static final String ONE = SELECT + "where tu.tenant_id = :tenant and tu.user_id = :user";
    private static final String OF_TENANT = SELECT + "where tu.tenant_id = :tenant order by tu.created_at, tu.user_id";
    private static final String OF_USER = SELECT + "where tu.user_id = :user order by t.name, t.id";
    private static final String UPSERT = """
            insert into tenant_users (tenant_id, user_id, roles, email, created_at, updated_at)
            select :tenant, u.id, cast(:roles as text[]), u.email, :now, :now from users u where u.id = :user
            on conflict (tenant_id, user_id) do update set roles = excluded.roles, updated_at = excluded.updated_at""";
    private static final String EMAIL_IS_MEMBER = """
            select exists (select 1 from tenant_users where tenant_id = :tenant and lower(email) = lower(:email))""";
    private static final String DELETE = "delete from tenant_users where tenant_id = :tenant and user_id = :user";
    private static final String OWNERS = """
            select count(*) from tenant_users where tenant_id = :tenant and 'owner' = any (roles)""";

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Membership> find(UUID tenantId, UUID userId) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("user", userId).query(this::map).optional();
    }

    List<Membership> ofTenant(UUID tenantId) {
        return jdbc.sql(OF_TENANT).param("tenant", tenantId).query(this::map).list();
    }

    /** The user's memberships in every tenant; needs the user bound to the transaction. */
    List<Membership> ofUser(UUID userId) {
        return jdbc.sql(OF_USER).param("user", userId).query(this::map).list();
    }

    /** Adds the user or replaces their roles; false when no such user exists. */
    boolean upsert(UUID tenantId, UUID userId, List<TenantRole> roles, Instant now) {
        String[] names = roles.stream().map(TenantRole::value).toArray(String[]::new);
        return jdbc.sql(UPSERT).param("tenant", tenantId).param("user", userId)
                .param("roles", names)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    /** Whether a member of the tenant has this address (members are visible to the tenant anyway). */
    boolean emailIsMember(UUID tenantId, String email) {
        return jdbc.sql(EMAIL_IS_MEMBER).param("tenant", tenantId).param("email", email).query(Boolean.class).single();
    }

    boolean delete(UUID tenantId, UUID userId) {
        return jdbc.sql(DELETE).param("tenant", tenantId).param("user", userId).update() == 1;
    }

    long owners(UUID tenantId) {
        return jdbc.sql(OWNERS).param("tenant", tenantId).query(Long.class).single();
    }

    private Membership map(ResultSet rs, int row) throws SQLException {
        List<TenantRole> roles = new ArrayList<>();
        Array array = rs.getArray("roles");
        for (String role : (String[]) array.getArray()) {
            TenantRole.parse(role).ifPresent(roles::add);
        }
        return new Membership(rs.getObject("tenant_id", UUID.class), rs.getString("tenant_name"),
                rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("user_name"), roles,
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }
}
