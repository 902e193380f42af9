package com.penguinmails.hub.oauth.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code oauth_states} table: started authorisations, found again by the hash of their state. */
@Repository
class OAuthStates {

    private static final String INSERT = """
            insert into oauth_states (tenant_id, id, state_hash, browser_hash, user_id, integration_id, provider,
                                      code_verifier, created_at, expires_at)
            values (:tenant, :id, :stateHash, :browserHash, :user, :integration, :provider, :verifier, :now, :expires)""";
    private static final String SPEND = "select tenant_id, id from spend_oauth_state(:hash, :now)";
    private static final String ONE = """
            select tenant_id, id, browser_hash, user_id, integration_id, provider, code_verifier, expires_at
            from oauth_states where tenant_id = :tenant and id = :id""";

    /** A spent state's row; {@code codeVerifier} is sealed. */
    record Pending(UUID tenantId, UUID id, byte[] browserHash, UUID userId, UUID integrationId, String provider,
                   byte[] codeVerifier, Instant expiresAt) {

        @Override
        public String toString() {
            return "Pending[" + tenantId + "/" + id + ", " + provider + "]";
        }
    }

    record Spent(UUID tenantId, UUID id) {
    }

    private final JdbcClient jdbc;

    OAuthStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, UUID id, byte[] stateHash, byte[] browserHash, UUID userId, UUID integrationId,
                String provider, byte[] sealedVerifier, Instant now, Instant expires) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", id).param("stateHash", stateHash)
                .param("browserHash", browserHash).param("user", userId).param("integration", integrationId)
                .param("provider", provider).param("verifier", sealedVerifier).param("now", SqlValues.timestamp(now))
                .param("expires", SqlValues.timestamp(expires)).update();
    }

    /** Marks the state used (whoever comes second finds nothing) and answers whose it was. */
    Optional<Spent> spend(byte[] stateHash, Instant now) {
        return jdbc.sql(SPEND).param("hash", stateHash).param("now", SqlValues.timestamp(now))
                .query((rs, n) -> new Spent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    Optional<Pending> find(UUID tenantId, UUID id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id)
                .query((rs, n) -> new Pending(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getBytes("browser_hash"), rs.getObject("user_id", UUID.class),
                        rs.getObject("integration_id", UUID.class), rs.getString("provider"),
                        rs.getBytes("code_verifier"), SqlValues.instant(rs, "expires_at")))
                .optional();
    }
}
