package com.penguinmails.hub.platform.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refuses to run when the application role could bypass row-level security: a superuser, a role
 * with BYPASSRLS, or the owner of any table would read every tenant's rows.
 */
final class ApplicationRoleCheck {

    private static final String ROLE = """
            select rolsuper, rolbypassrls from pg_roles where rolname = current_user""";
    private static final String OWNED_TABLES = """
            select count(*) from pg_class c
            join pg_roles r on r.oid = c.relowner
            where r.rolname = current_user and c.relkind in ('r', 'p')
              and c.relnamespace = 'public'::regnamespace""";

    private final JdbcClient jdbc;

    ApplicationRoleCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void verify() {
        boolean unsafe = jdbc.sql(ROLE).query((rs, n) -> rs.getBoolean(1) || rs.getBoolean(2)).single();
        if (unsafe) {
            throw new IllegalStateException("The application database role is a superuser or has BYPASSRLS: "
                    + "tenant isolation would not hold. Use a plain role (see README).");
        }
        long owned = jdbc.sql(OWNED_TABLES).query(Long.class).single();
        if (owned > 0) {
            throw new IllegalStateException("The application database role owns " + owned
                    + " table(s): row-level security does not bind a table's owner. Run migrations as the owner role.");
        }
    }
}
