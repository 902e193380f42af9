package com.penguinmails.hub.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The global {@code users} table (a user may belong to many tenants) and the staff list. */
@Repository
class UserAccounts {

    private static final String INSERT = """
            insert into users (id, email, password_hash, name, email_verified, onboarding_step, data, created_at, updated_at)
            values (:id, :email, :hash, :name, false, 'verify', cast(:data as jsonb), :now, :now)""";
    private static final String BY_EMAIL = "select * from users where lower(email) = lower(:email)";
    private static final String BY_ID = "select * from users where id = :id";
    private static final String LOCK = "select * from users where id = :id for update";
    private static final String EMAIL_TAKEN = "select exists (select 1 from users where lower(email) = lower(:email))";
    private static final String MARK_VERIFIED = """
            update users set email_verified = true, updated_at = :now,
                   onboarding_step = case when onboarding_step = 'verify' then 'create_tenant' else onboarding_step end
            where id = :id and lower(email) = lower(:email)""";
    private static final String COMPLETE_ONBOARDING = """
            update users set onboarding_step = 'complete', updated_at = :now
            where id = :id and onboarding_step = 'create_tenant'""";
    private static final String STAFF = """
            select role from staff_members where user_id = :id and is_staff""";

    private final JdbcClient jdbc;
    private final SqlValues values;

    UserAccounts(JdbcClient jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    void insert(UserAccount user) {
        jdbc.sql(INSERT)
                .param("id", user.id())
                .param("email", user.email())
                .param("hash", user.passwordHash())
                .param("name", user.name())
                .param("data", values.jsonb(user.data()))
                .param("now", SqlValues.timestamp(user.createdAt()))
                .update();
    }

    boolean emailTaken(String email) {
        return jdbc.sql(EMAIL_TAKEN).param("email", email).query(Boolean.class).single();
    }

    Optional<UserAccount> byEmail(String email) {
        return jdbc.sql(BY_EMAIL).param("email", email).query(this::map).optional();
    }

    Optional<UserAccount> byId(UUID id) {
        return jdbc.sql(BY_ID).param("id", id).query(this::map).optional();
    }

    /** The user, locked until the transaction ends (one resend at a time per user). */
    Optional<UserAccount> lock(UUID id) {
        return jdbc.sql(LOCK).param("id", id).query(this::map).optional();
    }

    boolean markVerified(UUID id, String email, Instant now) {
        return jdbc.sql(MARK_VERIFIED).param("id", id).param("email", email)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    void completeOnboarding(UUID id, Instant now) {
        jdbc.sql(COMPLETE_ONBOARDING).param("id", id).param("now", SqlValues.timestamp(now)).update();
    }

    /** The user's staff role, when they are PenguinMails staff. */
    Optional<String> staffRole(UUID id) {
        return jdbc.sql(STAFF).param("id", id).query(String.class).optional();
    }

    private UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("name"), rs.getBoolean("email_verified"), rs.getString("onboarding_step"),
                values.jsonbMap(rs, "data"), SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }
}
