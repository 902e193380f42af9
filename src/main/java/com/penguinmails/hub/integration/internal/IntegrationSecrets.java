package com.penguinmails.hub.integration.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;

/**
 * An integration's secrets, one sealed row per field, bound by the keyring to tenant, integration
 * and field. Only a hint (the last four characters of a long enough value) is ever shown.
 */
@Repository
class IntegrationSecrets {

    static final String TABLE = "integration_secrets";

    private static final String UPSERT = """
            insert into integration_secrets (tenant_id, integration_id, field, sealed, hint, updated_at)
            values (:tenant, :integration, :field, :sealed, :hint, :now)
            on conflict (tenant_id, integration_id, field)
            do update set sealed = excluded.sealed, hint = excluded.hint, updated_at = excluded.updated_at""";
    private static final String HINTS = """
            select field, hint, updated_at from integration_secrets
            where tenant_id = :tenant and integration_id = :integration order by field""";
    private static final String SEALED = """
            select field, sealed from integration_secrets where tenant_id = :tenant and integration_id = :integration""";
    private static final String DELETE_EXCEPT = """
            delete from integration_secrets where tenant_id = :tenant and integration_id = :integration
              and field like 'webhooks.%' and not (field = any (cast(:keep as text[])))""";

    record Hint(String field, String hint, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Keyring keyring;

    IntegrationSecrets(JdbcClient jdbc, Keyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    void put(UUID tenantId, UUID integrationId, String field, String value, String hint, Instant now) {
        byte[] sealed = keyring.seal(context(tenantId, integrationId, field), value);
        jdbc.sql(UPSERT).param("tenant", tenantId).param("integration", integrationId).param("field", field)
                .param("sealed", sealed).param("hint", hint).param("now", SqlValues.timestamp(now)).update();
    }

    List<Hint> hints(UUID tenantId, UUID integrationId) {
        return jdbc.sql(HINTS).param("tenant", tenantId).param("integration", integrationId)
                .query((rs, n) -> new Hint(rs.getString("field"), rs.getString("hint"),
                        SqlValues.instant(rs, "updated_at")))
                .list();
    }

    /** Opens every secret of the integration; for the modules that call the provider. */
    Map<String, String> open(UUID tenantId, UUID integrationId) {
        Map<String, String> values = new LinkedHashMap<>();
        jdbc.sql(SEALED).param("tenant", tenantId).param("integration", integrationId).query(rs -> {
            String field = rs.getString("field");
            values.put(field, keyring.open(context(tenantId, integrationId, field), rs.getBytes("sealed")));
        });
        return values;
    }

    /** Drops the secrets of webhook configs that no longer exist. */
    void retainWebhookSecrets(UUID tenantId, UUID integrationId, List<String> keep) {
        jdbc.sql(DELETE_EXCEPT).param("tenant", tenantId).param("integration", integrationId)
                .param("keep", keep.toArray(String[]::new))
                .update();
    }

    static SecretContext context(UUID tenantId, UUID integrationId, String field) {
        return new SecretContext(tenantId, TABLE, integrationId, field);
    }

    /** The last four characters, only when the value is long enough that they give nothing away. */
    static String hint(String value) {
        return value.length() >= 12 ? "…" + value.substring(value.length() - 4) : "…";
    }
}
