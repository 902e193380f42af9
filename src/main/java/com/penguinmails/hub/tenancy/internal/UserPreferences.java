package com.penguinmails.hub.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code user_preferences} table, one row per user and tenant. */
@Repository
class UserPreferences {

    private static final String ONE = "select * from user_preferences where tenant_id = :tenant and user_id = :user";
    private static final String OF_USER = "select * from user_preferences where user_id = :user";
    private static final String UPSERT = """
            insert into user_preferences (tenant_id, user_id, theme, language, timezone, email_notifications,
                                          push_notifications, weekly_reports, marketing_emails, created_at, updated_at)
            values (:tenant, :user, :theme, :language, :timezone, :email, :push, :weekly, :marketing, :now, :now)
            on conflict (tenant_id, user_id) do update set
                theme = excluded.theme, language = excluded.language, timezone = excluded.timezone,
                email_notifications = excluded.email_notifications, push_notifications = excluded.push_notifications,
                weekly_reports = excluded.weekly_reports, marketing_emails = excluded.marketing_emails,
                updated_at = excluded.updated_at
            returning *""";

    private final JdbcClient jdbc;

    UserPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Preferences> find(UUID tenantId, UUID userId) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("user", userId).query(this::map).optional();
    }

    List<Preferences> ofUser(UUID userId) {
        return jdbc.sql(OF_USER).param("user", userId).query(this::map).list();
    }

    Preferences upsert(Preferences p) {
        return jdbc.sql(UPSERT).param("tenant", p.tenantId()).param("user", p.userId()).param("theme", p.theme())
                .param("language", p.language()).param("timezone", p.timezone())
                .param("email", p.emailNotifications()).param("push", p.pushNotifications())
                .param("weekly", p.weeklyReports()).param("marketing", p.marketingEmails())
                .param("now", SqlValues.timestamp(p.updatedAt()))
                .query(this::map).single();
    }

    private Preferences map(ResultSet rs, int row) throws SQLException {
        return new Preferences(rs.getObject("tenant_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("theme"), rs.getString("language"), rs.getString("timezone"),
                rs.getBoolean("email_notifications"), rs.getBoolean("push_notifications"),
                rs.getBoolean("weekly_reports"), rs.getBoolean("marketing_emails"),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }
}
