package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** Each tenant's ESP choice: the default integration and the failover one. */
@Repository
class EmailSettings {

    private static final String ONE = "select * from email_settings where tenant_id = :tenant";
    private static final String UPSERT = """
            insert into email_settings (tenant_id, default_integration_id, failover_integration_id, updated_at)
            values (:tenant, :default, :failover, :now)
            on conflict (tenant_id) do update set default_integration_id = excluded.default_integration_id,
                failover_integration_id = excluded.failover_integration_id, updated_at = excluded.updated_at""";

    record Choice(UUID defaultIntegrationId, UUID failoverIntegrationId, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    EmailSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Choice> find(UUID tenantId) {
        return jdbc.sql(ONE).param("tenant", tenantId).query((rs, n) -> new Choice(
                rs.getObject("default_integration_id", UUID.class), rs.getObject("failover_integration_id", UUID.class),
                SqlValues.instant(rs, "updated_at"))).optional();
    }

    void save(UUID tenantId, UUID defaultIntegration, UUID failoverIntegration, Instant now) {
        jdbc.sql(UPSERT).param("tenant", tenantId).param("default", defaultIntegration)
                .param("failover", failoverIntegration).param("now", SqlValues.timestamp(now)).update();
    }
}
