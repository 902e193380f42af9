package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code billing_profiles} table: the tenant's billing email, when it set one. */
@Repository
class BillingProfiles {

    private static final String EMAIL = "select billing_email from billing_profiles where tenant_id = :tenant";
    private static final String UPSERT = """
            insert into billing_profiles (tenant_id, billing_email, updated_at) values (:tenant, :email, :now)
            on conflict (tenant_id) do update set billing_email = excluded.billing_email, updated_at = excluded.updated_at""";

    private final JdbcClient jdbc;

    BillingProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> billingEmail(UUID tenantId) {
        return jdbc.sql(EMAIL).param("tenant", tenantId).query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional().flatMap(e -> e);
    }

    void setBillingEmail(UUID tenantId, String email, Instant now) {
        jdbc.sql(UPSERT).param("tenant", tenantId).param("email", email).param("now", SqlValues.timestamp(now)).update();
    }
}
