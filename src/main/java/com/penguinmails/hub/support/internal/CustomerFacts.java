package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * What the desk knows of a customer for the support email and routing: the tenant's name, plan and
 * tier (its settings members {@code plan} and {@code tier}; without a tier, a plan named
 * {@code enterprise} makes the tier enterprise) and the user's name, address, sign-up and last
 * sign-in. Read inside the tenant's transaction (the tenants row is under row-level security).
 */
@Repository
class CustomerFacts {

    private static final String TENANT = """
            select name, settings ->> 'plan' as plan, coalesce(settings ->> 'tier', settings ->> 'customerTier') as tier,
                   created_at
            from tenants where id = :tenant""";
    private static final String USER = """
            select u.name, u.email, u.created_at,
                   (select max(s.created_at) from sessions s where s.user_id = u.id) as last_sign_in
            from users u where u.id = :user""";

    record TenantFacts(String name, String plan, String tier, Instant createdAt) {

        String customerTier() {
            if (tier != null && !tier.isBlank()) {
                return tier;
            }
            return "enterprise".equalsIgnoreCase(plan) ? "enterprise" : "standard";
        }
    }

    record UserFacts(String name, String email, Instant createdAt, Instant lastSignIn) {
    }

    private final JdbcClient jdbc;

    CustomerFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TenantFacts> tenant(UUID tenantId) {
        return jdbc.sql(TENANT).param("tenant", tenantId).query((rs, row) -> new TenantFacts(rs.getString("name"),
                rs.getString("plan"), rs.getString("tier"), SqlValues.instant(rs, "created_at"))).optional();
    }

    Optional<UserFacts> user(UUID userId) {
        return jdbc.sql(USER).param("user", userId).query((rs, row) -> new UserFacts(rs.getString("name"),
                rs.getString("email"), SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "last_sign_in")))
                .optional();
    }
}
