package com.penguinmails.hub.webhook.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim reads the rows it leases, not the table (V41): on a deep inbox the claim's update used to
 * hash-join the whole table, 0.8–1.0 s per claim at 900,000 pending events. Everything here happens in
 * one transaction that is rolled back, so no worker of the shared database ever sees these rows, and
 * the transaction's own table statistics ({@code pg_stat_xact_user_tables}) tell how the claim read.
 */
class ClaimPlanIntegrationTests extends HubIntegrationTest {

    private static final int PENDING = 100_000;

    @Test
    void aClaimOfFiftyOnADeepInboxReadsByKeyNotTheWholeTable() throws Exception {
        try (Connection owner = TestDatabase.asOwner(); Statement sql = owner.createStatement()) {
            owner.setAutoCommit(false);
            try {
                sql.execute("""
                        insert into webhook_inbox (tenant_id, id, provider, dedup_key, event_type, received_at, payload,
                                                   next_attempt_at)
                        select gen_random_uuid(), gen_random_uuid(), 'mailgun', 'plan-' || n, 'opened', now(), '{}',
                               now() - interval '1 hour' - n * interval '1 millisecond'
                        from generate_series(1, %d) n""".formatted(PENDING));
                sql.execute("analyze webhook_inbox");
                long before = seqTuplesRead(sql);

                int claimed = 0;
                try (ResultSet rs = sql.executeQuery("select count(*) from claim_webhook_inbox(now(), 60, 50)")) {
                    rs.next();
                    claimed = rs.getInt(1);
                }

                assertThat(claimed).isEqualTo(50);
                assertThat(seqTuplesRead(sql) - before).as("rows read by sequential scans during the claim").isZero();
            } finally {
                owner.rollback();
            }
        }
    }

    private static long seqTuplesRead(Statement sql) throws Exception {
        try (ResultSet rs = sql.executeQuery(
                "select coalesce(seq_tup_read, 0) from pg_stat_xact_user_tables where relname = 'webhook_inbox'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
