package com.penguinmails.hub.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema stays ready to shard by tenant (Citus distributed tables co-located on {@code tenant_id}, or
 * Nile): read from PostgreSQL's catalogue after every migration, so a new table or constraint that breaks
 * the rule fails here. A table has {@code tenant_id} or is marked global in its comment; a tenant table has
 * row-level security, its primary key and every unique constraint or index start with {@code tenant_id},
 * and its foreign keys to other tenant tables carry {@code tenant_id}.
 *
 * <p>{@link #GLOBAL_LOOKUPS} are the unique keys that are looked up before the tenant is known (an API key
 * presented in a request, a Stripe account in a Connect webhook, a ticket number or Message-ID in an inbound
 * email, an invitation link). A distributed database cannot enforce them across shards; each is to become a row of a global
 * directory table (key to tenant) before the tables are distributed. The list may only shrink.
 */
class ShardReadySchemaIntegrationTests extends HubIntegrationTest {

    private static final String TABLES = """
            select c.relname,
                   exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                           and not a.attisdropped) as tenant_owned,
                   coalesce(obj_description(c.oid, 'pg_class'), '') as comment,
                   c.relrowsecurity
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
              and c.relname <> 'flyway_schema_history'
            order by c.relname""";

    /** Primary keys, unique constraints and unique indexes of tenant tables whose first column is not tenant_id. */
    private static final String KEYS_NOT_LED_BY_TENANT = """
            select t.relname || ': ' || i.relname
            from pg_index x
            join pg_class t on t.oid = x.indrelid
            join pg_class i on i.oid = x.indexrelid
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = 'public' and x.indisunique
              and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id'
                          and not a.attisdropped)
              and (x.indkey[0] = 0 or (select a.attname from pg_attribute a
                                        where a.attrelid = t.oid and a.attnum = x.indkey[0]) <> 'tenant_id')
            order by 1""";

    /** Foreign keys from one tenant table to another that do not carry tenant_id on both sides. */
    private static final String FOREIGN_KEYS_ACROSS_TENANTS = """
            select t.relname || ' -> ' || r.relname || ': ' || con.conname
            from pg_constraint con
            join pg_class t on t.oid = con.conrelid
            join pg_class r on r.oid = con.confrelid
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = 'public' and con.contype = 'f' and r.oid <> t.oid
              and exists (select 1 from pg_attribute a where a.attrelid = r.oid and a.attname = 'tenant_id'
                          and not a.attisdropped)
              and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id'
                          and not a.attisdropped)
              and not ((select a.attname from pg_attribute a where a.attrelid = t.oid and a.attnum = con.conkey[1])
                       = 'tenant_id'
                   and (select a.attname from pg_attribute a where a.attrelid = r.oid and a.attnum = con.confkey[1])
                       = 'tenant_id')
              and r.relname <> 'tenants'
            order by 1""";

    private static final List<String> GLOBAL_LOOKUPS = List.of(
            "api_keys: api_keys_hash", // the key a request presents names no tenant
            "api_keys: api_keys_prefix",
            "billing_connected_accounts: billing_connected_accounts_stripe_id", // a Connect webhook names the account
            "billing_onboarding_tokens: billing_onboarding_tokens_hash", // the onboarding link names no tenant
            "support_email_ids: support_email_ids_message", // an inbound email's Message-ID, before its ticket is known
            "support_tickets: support_tickets_number", // the [TKT-n] token threads an email to its ticket
            "tenant_invitations: tenant_invitations_token_hash_key"); // the invitation link names no tenant

    @Test
    void everyTableIsATenantsKeyedByTenantIdFirstOrMarkedGlobal() throws SQLException {
        List<String> unmarked = new ArrayList<>();
        List<String> withoutRowLevelSecurity = new ArrayList<>();
        int tenantTables = 0;
        try (Connection c = TestDatabase.asOwner(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                String table = rs.getString(1);
                boolean tenantOwned = rs.getBoolean(2);
                boolean global = rs.getString(3).startsWith("global:");
                if (tenantOwned && !global) {
                    tenantTables++;
                    if (!rs.getBoolean(4)) {
                        withoutRowLevelSecurity.add(table);
                    }
                } else if (!global) {
                    unmarked.add(table);
                }
            }
        }
        assertThat(tenantTables).as("tenant tables found").isGreaterThan(30);
        assertThat(unmarked).as("tables with no tenant_id and no 'global: …' comment").isEmpty();
        assertThat(withoutRowLevelSecurity).as("tenant tables without row-level security").isEmpty();
        assertThat(rows(KEYS_NOT_LED_BY_TENANT)).as("unique keys of tenant tables not led by tenant_id")
                .isSubsetOf(GLOBAL_LOOKUPS);
        assertThat(rows(FOREIGN_KEYS_ACROSS_TENANTS)).as("foreign keys between tenant tables without tenant_id")
                .isEmpty();
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.asOwner(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
