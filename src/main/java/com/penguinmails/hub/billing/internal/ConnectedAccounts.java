package com.penguinmails.hub.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code billing_connected_accounts} and {@code billing_onboarding_tokens} tables. */
@Repository
class ConnectedAccounts {

    private static final String SELECT = """
            select tenant_id, stripe_account_id, country, email, livemode, charges_enabled, payouts_enabled,
                   details_submitted, requirements_due::text as requirements_due, capabilities::text as capabilities,
                   state_at, created_at, updated_at
            from billing_connected_accounts where tenant_id = :tenant""";
    /** Events and syncs of one account change it one at a time: each decides on the state it replaces. */
    private static final String LOCK = SELECT + " for update";
    private static final String INSERT = """
            insert into billing_connected_accounts (tenant_id, stripe_account_id, country, email, livemode,
                   charges_enabled, payouts_enabled, details_submitted, requirements_due, capabilities, state_at,
                   created_at, updated_at)
            values (:tenant, :account, :country, :email, :livemode, :charges, :payouts, :details,
                    cast(:due as jsonb), cast(:capabilities as jsonb), :stateAt, :now, :now)
            on conflict (tenant_id) do nothing""";
    private static final String UPDATE = """
            update billing_connected_accounts set charges_enabled = :charges, payouts_enabled = :payouts,
                   details_submitted = :details, requirements_due = cast(:due as jsonb),
                   capabilities = cast(:capabilities as jsonb), state_at = :stateAt, updated_at = :now
            where tenant_id = :tenant and stripe_account_id = :account""";
    private static final String TENANT_OF = "select billing_account_tenant(:account)";
    private static final String INSERT_TOKEN = """
            insert into billing_onboarding_tokens (tenant_id, token_hash, stripe_account_id, expires_at, created_at)
            values (:tenant, :hash, :account, :expires, :now)""";
    private static final String TENANT_OF_TOKEN = "select billing_onboarding_tenant(:hash, :now)";
    private static final String TOKEN_ACCOUNT = """
            select stripe_account_id from billing_onboarding_tokens
            where tenant_id = :tenant and token_hash = :hash and expires_at > :now""";
    private static final String PURGE_TOKENS = "delete from billing_onboarding_tokens where tenant_id = :tenant and expires_at <= :now";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConnectedAccounts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<ConnectedAccount> find(UUID tenantId) {
        return jdbc.sql(SELECT).param("tenant", tenantId).query(this::map).optional();
    }

    Optional<ConnectedAccount> lock(UUID tenantId) {
        return jdbc.sql(LOCK).param("tenant", tenantId).query(this::map).optional();
    }

    /** Stores the tenant's account; false when it already has one. */
    boolean insert(ConnectedAccount a, Instant now) {
        return jdbc.sql(INSERT).param("tenant", a.tenantId()).param("account", a.stripeAccountId())
                .param("country", a.country()).param("email", a.email()).param("livemode", a.livemode())
                .param("charges", a.chargesEnabled()).param("payouts", a.payoutsEnabled())
                .param("details", a.detailsSubmitted()).param("due", json.writeValueAsString(a.requirementsDue()))
                .param("capabilities", capabilities(a.capabilities())).param("stateAt", SqlValues.timestamp(a.stateAt()))
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    void updateState(ConnectedAccount a, Instant now) {
        jdbc.sql(UPDATE).param("tenant", a.tenantId()).param("account", a.stripeAccountId())
                .param("charges", a.chargesEnabled()).param("payouts", a.payoutsEnabled())
                .param("details", a.detailsSubmitted()).param("due", json.writeValueAsString(a.requirementsDue()))
                .param("capabilities", capabilities(a.capabilities())).param("stateAt", SqlValues.timestamp(a.stateAt()))
                .param("now", SqlValues.timestamp(now)).update();
    }

    /** The tenant whose connected account this is (owner function: reads across tenants). */
    Optional<UUID> tenantOf(String stripeAccountId) {
        return jdbc.sql(TENANT_OF).param("account", stripeAccountId).query((rs, n) -> rs.getObject(1, UUID.class))
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    void insertToken(UUID tenantId, String hash, String stripeAccountId, Instant expires, Instant now) {
        jdbc.sql(PURGE_TOKENS).param("tenant", tenantId).param("now", SqlValues.timestamp(now)).update();
        jdbc.sql(INSERT_TOKEN).param("tenant", tenantId).param("hash", hash).param("account", stripeAccountId)
                .param("expires", SqlValues.timestamp(expires)).param("now", SqlValues.timestamp(now)).update();
    }

    Optional<UUID> tenantOfToken(String hash, Instant now) {
        return jdbc.sql(TENANT_OF_TOKEN).param("hash", hash).param("now", SqlValues.timestamp(now))
                .query((rs, n) -> rs.getObject(1, UUID.class)).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    Optional<String> accountOfToken(UUID tenantId, String hash, Instant now) {
        return jdbc.sql(TOKEN_ACCOUNT).param("tenant", tenantId).param("hash", hash)
                .param("now", SqlValues.timestamp(now)).query(String.class).optional();
    }

    private String capabilities(Map<String, ConnectedAccount.CapabilityState> capabilities) {
        Map<String, Object> out = new LinkedHashMap<>();
        capabilities.forEach((name, state) -> out.put(name, Map.of("status", state.status(),
                "at", state.at().getEpochSecond())));
        return json.writeValueAsString(out);
    }

    private ConnectedAccount map(ResultSet rs, int row) throws SQLException {
        List<String> due = new java.util.ArrayList<>();
        json.readTree(rs.getString("requirements_due")).forEach(n -> due.add(n.asString()));
        Map<String, ConnectedAccount.CapabilityState> capabilities = new TreeMap<>();
        JsonNode caps = json.readTree(rs.getString("capabilities"));
        for (var entry : caps.properties()) {
            capabilities.put(entry.getKey(), new ConnectedAccount.CapabilityState(
                    entry.getValue().path("status").asString(""),
                    Instant.ofEpochSecond(entry.getValue().path("at").asLong(0))));
        }
        return new ConnectedAccount(rs.getObject("tenant_id", UUID.class), rs.getString("stripe_account_id"),
                rs.getString("country"), rs.getString("email"), rs.getBoolean("livemode"),
                rs.getBoolean("charges_enabled"), rs.getBoolean("payouts_enabled"), rs.getBoolean("details_submitted"),
                due, capabilities, SqlValues.instant(rs, "state_at"), SqlValues.instant(rs, "created_at"),
                SqlValues.instant(rs, "updated_at"));
    }
}
