package com.penguinmails.hub.providerkeys.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code provider_keys} table; statements run under their transaction's tenant. */
@Repository
class ProviderKeys {

    private static final String INSERT = """
            insert into provider_keys (tenant_id, id, integration_id, field, environment, permissions, rotation_schedule,
                                       expires_at, provider_key_id, state, hint, test_outcome, test_detail,
                                       activated_at, created_at)
            values (:tenant, :id, :integration, :field, :environment, cast(:permissions as text[]), :schedule,
                    :expires, :providerKeyId, 'active', :hint, :outcome, :detail, :now, :now)""";
    private static final String RETIRE_ACTIVE = """
            update provider_keys set state = 'retiring', sealed_value = :sealed, revoke_after = :revokeAfter
            where tenant_id = :tenant and integration_id = :integration and field = :field and state = 'active'
            returning id""";
    private static final String SEAL = """
            update provider_keys set sealed_value = :sealed where tenant_id = :tenant and id = :id""";
    private static final String SELECT = "select * from provider_keys ";
    private static final String OF_INTEGRATION = SELECT + """
            where tenant_id = :tenant and integration_id = :integration order by created_at desc, id""";
    private static final String ACTIVE_OF_TENANT = SELECT + "where tenant_id = :tenant and state = 'active'";
    private static final String LOCK = SELECT + "where tenant_id = :tenant and id = :id for update skip locked";
    private static final String SEALED_VALUE = "select sealed_value from provider_keys where tenant_id = :tenant and id = :id";
    private static final String REVOKED = """
            update provider_keys set state = 'revoked', revocation = :revocation, revoked_at = :now,
                   sealed_value = null, erased_at = :now, revocation_error = null
            where tenant_id = :tenant and id = :id""";
    private static final String REVOCATION_FAILED = """
            update provider_keys set revocation_attempts = revocation_attempts + 1, revocation_error = :error,
                   revoke_after = :retryAt
            where tenant_id = :tenant and id = :id
            returning revocation_attempts""";
    private static final String DUE = "select tenant_id, id from due_provider_key_retirements(:now, :max)";

    record Due(UUID tenantId, UUID id) {
    }

    private final JdbcClient jdbc;

    ProviderKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertActive(ProviderKey key) {
        jdbc.sql(INSERT).param("tenant", key.tenantId()).param("id", key.id()).param("integration", key.integrationId())
                .param("field", key.field()).param("environment", key.environment())
                .param("permissions", key.permissions().toArray(String[]::new))
                .param("schedule", key.rotationSchedule()).param("expires", SqlValues.timestamp(key.expiresAt()))
                .param("providerKeyId", key.providerKeyId()).param("hint", key.hint())
                .param("outcome", key.testOutcome()).param("detail", key.testDetail())
                .param("now", SqlValues.timestamp(key.createdAt()))
                .update();
    }

    /** Moves the active key of the field to retiring; answers its id, if there was one. */
    Optional<UUID> retireActive(UUID tenantId, UUID integrationId, String field, Instant revokeAfter) {
        return jdbc.sql(RETIRE_ACTIVE).param("tenant", tenantId).param("integration", integrationId)
                .param("field", field).param("sealed", null).param("revokeAfter", SqlValues.timestamp(revokeAfter))
                .query(UUID.class).optional();
    }

    void seal(UUID tenantId, UUID id, byte[] sealed) {
        jdbc.sql(SEAL).param("tenant", tenantId).param("id", id).param("sealed", sealed).update();
    }

    List<ProviderKey> ofIntegration(UUID tenantId, UUID integrationId) {
        return jdbc.sql(OF_INTEGRATION).param("tenant", tenantId).param("integration", integrationId)
                .query(this::map).list();
    }

    List<ProviderKey> activeOfTenant(UUID tenantId) {
        return jdbc.sql(ACTIVE_OF_TENANT).param("tenant", tenantId).query(this::map).list();
    }

    /** Locks a key for the retirement job; empty when another node holds it. */
    Optional<ProviderKey> lock(UUID tenantId, UUID id) {
        return jdbc.sql(LOCK).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    Optional<byte[]> sealedValue(UUID tenantId, UUID id) {
        return jdbc.sql(SEALED_VALUE).param("tenant", tenantId).param("id", id).query((rs, n) -> rs.getBytes(1))
                .optional().filter(b -> b != null);
    }

    void markRevoked(UUID tenantId, UUID id, String revocation, Instant now) {
        jdbc.sql(REVOKED).param("tenant", tenantId).param("id", id).param("revocation", revocation)
                .param("now", SqlValues.timestamp(now)).update();
    }

    int recordRevocationFailure(UUID tenantId, UUID id, String error, Instant retryAt) {
        return jdbc.sql(REVOCATION_FAILED).param("tenant", tenantId).param("id", id).param("error", error)
                .param("retryAt", SqlValues.timestamp(retryAt)).query(Integer.class).single();
    }

    /** Keys past their grace in every tenant (ids only), through the owner's narrow function. */
    List<Due> due(Instant now, int max) {
        return jdbc.sql(DUE).param("now", SqlValues.timestamp(now)).param("max", max)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    private ProviderKey map(ResultSet rs, int row) throws SQLException {
        return new ProviderKey(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("integration_id", UUID.class), rs.getString("field"), rs.getString("environment"),
                Arrays.asList((String[]) rs.getArray("permissions").getArray()), rs.getString("rotation_schedule"),
                SqlValues.instant(rs, "expires_at"), rs.getString("provider_key_id"), rs.getString("state"),
                rs.getString("hint"), rs.getString("test_outcome"), rs.getString("test_detail"),
                SqlValues.instant(rs, "activated_at"), SqlValues.instant(rs, "revoke_after"),
                rs.getString("revocation"), rs.getInt("revocation_attempts"), rs.getString("revocation_error"),
                SqlValues.instant(rs, "revoked_at"), SqlValues.instant(rs, "erased_at"),
                SqlValues.instant(rs, "created_at"));
    }
}
