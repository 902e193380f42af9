package com.penguinmails.hub.platform.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Creates the two roles the hub needs on a fresh server, exactly as an operator would for an
 * external database (see README): an owner that owns the database and runs the migrations, and an
 * application role that owns nothing and has no BYPASSRLS, so row-level security binds it.
 * DDL cannot take bind parameters, so statements are quoted by the server itself with
 * {@code format('%I', ...)} and {@code format('%L', ...)}; role names are also checked against a
 * strict pattern first.
 */
public final class DatabaseRoles {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String ROLE_EXISTS = "select 1 from pg_roles where rolname = ?";
    private static final String DATABASE_EXISTS = "select 1 from pg_database where datname = ?";
    private static final String CREATE_OWNER = """
            select format('create role %I login nosuperuser nocreaterole nocreatedb nobypassrls', ?)""";
    private static final String CREATE_APP = """
            select format('create role %I login nosuperuser nocreaterole nocreatedb nobypassrls noinherit', ?)""";
    private static final String SET_PASSWORD = "select format('alter role %I password %L', ?, ?)";
    private static final String CREATE_DATABASE = """
            select format('create database %I owner %I encoding ''UTF8'' template template0', ?, ?)""";
    private static final String LOCK_DATABASE = """
            select format('revoke all on database %1$I from public; grant connect, temporary on database %1$I to %2$I, %3$I', ?, ?, ?)""";
    private static final String LOCK_SCHEMA = """
            select format('alter schema public owner to %1$I; revoke create on schema public from public; grant usage on schema public to %2$I', ?, ?)""";

    private DatabaseRoles() {
    }

    /**
     * Idempotently creates the owner and application roles and the hub's database.
     *
     * @param serverUrl JDBC URL of the server's maintenance database ({@code postgres})
     * @param databaseUrl JDBC URL of the hub's database on the same server
     */
    public static void bootstrap(String serverUrl, String databaseUrl, String superuser, String superuserPassword,
                                 String database, String owner, String ownerPassword, String app, String appPassword) {
        requireIdentifier(owner);
        requireIdentifier(app);
        requireIdentifier(database);
        try (Connection server = DriverManager.getConnection(serverUrl, superuser, superuserPassword)) {
            ensureRole(server, owner, CREATE_OWNER, ownerPassword);
            ensureRole(server, app, CREATE_APP, appPassword);
            if (!exists(server, DATABASE_EXISTS, database)) {
                execute(server, formatted(server, CREATE_DATABASE, database, owner));
            }
            execute(server, formatted(server, LOCK_DATABASE, database, owner, app));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the hub's roles and database: " + e.getMessage(), e);
        }
        try (Connection db = DriverManager.getConnection(databaseUrl, superuser, superuserPassword)) {
            execute(db, formatted(db, LOCK_SCHEMA, owner, app));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not secure the hub's schema: " + e.getMessage(), e);
        }
    }

    static void requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
    }

    private static void ensureRole(Connection c, String role, String create, String password) throws SQLException {
        if (!exists(c, ROLE_EXISTS, role)) {
            execute(c, formatted(c, create, role));
        }
        if (password != null && !password.isEmpty()) {
            execute(c, formatted(c, SET_PASSWORD, role, password));
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String formatted(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void execute(Connection c, String statement) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
