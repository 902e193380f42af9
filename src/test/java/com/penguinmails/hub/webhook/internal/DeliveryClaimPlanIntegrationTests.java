package com.penguinmails.hub.webhook.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery claim reads the deliveries it offers and the leases in flight, not every endpoint's
 * backlog (V43), even when the statistics were taken while nothing was pending. V42's claim read
 * 1.96 million rows (260 ms) for this backlog: it counted each endpoint's leases through the index of
 * due times and walked each endpoint's waiting retries in sequence order. Everything happens in one
 * transaction that is rolled back, so no worker of the shared database sees these rows, and the
 * transaction's own table statistics ({@code pg_stat_xact_user_tables}) tell how much the claim read and
 * wrote.
 */
class DeliveryClaimPlanIntegrationTests extends HubIntegrationTest {

    @Test
    void aClaimOnABacklogTheStatisticsDoNotKnowReadsOnlyWhatItOffers() throws Exception {
        withHundredEndpoints(sql -> {
            // a quiet moment: many deliveries done, none pending; the statistics are taken now
            sql.execute(deliveries("'delivered'", "now() - interval '1 hour'", 200, "true"));
            sql.execute("analyze webhook_deliveries");
            // then a backlog: ten endpoints with many retries waiting, the others with a few deliveries due
            sql.execute(deliveries("'pending'", "now() + interval '1 hour'", 2_000, "e.n <= 10"));
            sql.execute(deliveries("'pending'", "now() - interval '1 second'", 10, "e.n > 10"));
            long before = rowsRead(sql);

            sql.execute("""
                    create temporary table claimed on commit drop as
                    select * from claim_webhook_deliveries(now(), 60, 128, 4)""");
            long read = rowsRead(sql) - before;

            try (ResultSet rs = sql.executeQuery("""
                    select count(*), count(*) filter (where d.next_attempt_at > now()),
                           (select max(n) from (select count(*) as n from claimed c
                                                join webhook_deliveries e on e.tenant_id = c.tenant_id and e.id = c.id
                                                join plan_tenant t on t.id = c.tenant_id
                                                group by e.endpoint_id) per)
                    from claimed c join webhook_deliveries d on d.tenant_id = c.tenant_id and d.id = c.id""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("deliveries claimed: at most four per endpoint with due ones, at most 128")
                        .isEqualTo(128);
                assertThat(rs.getInt(2)).as("claimed deliveries that were not due yet").isZero();
                // 90 endpoints have equally old due deliveries: the claim spreads over them (128 / 90) rather
                // than filling some endpoints' four slots first
                assertThat(rs.getInt(3)).as("deliveries claimed for one endpoint").isEqualTo(2);
            }
            // V42 read 1.96 million rows here; the offered rows and their locks are a few hundred
            assertThat(read).as("rows the claim read from webhook_deliveries").isLessThan(2_000);
            // V46: a lease is a slot rewritten in place; the deliveries themselves are not written at all
            assertThat(updates(sql, "webhook_deliveries")).as("delivery rows updated by the claim").containsExactly(0L, 0L);
            assertThat(updates(sql, "webhook_delivery_slots")).as("slot updates, and how many of them were HOT")
                    .containsExactly(128L, 128L);
        });
    }

    @Test
    void anEndpointWithABacklogAmongManyIdleOnesFillsAllItsSlotsInOneClaim() throws Exception {
        withHundredEndpoints(sql -> {
            sql.execute(deliveries("'pending'", "now() - interval '1 second'", 10, "e.n = 1"));

            // a claim of 16 among 100 open endpoints first asks each for its share (16 / 100 + 1 = one);
            // the one endpoint with due deliveries then offers the rest of its four slots' worth
            // the claim serves every tenant: other test classes' due retries may be among the 16, so only this
            // fixture's tenant is counted
            try (ResultSet rs = sql.executeQuery("""
                    select count(*) from claim_webhook_deliveries(now(), 60, 16, 4) c
                    join plan_tenant t on t.id = c.tenant_id""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("deliveries claimed for the one busy endpoint").isEqualTo(4);
            }
        });
    }

    private interface InTheFixture {
        void run(Statement sql) throws Exception;
    }

    /**
     * Runs {@code body} in a transaction that is rolled back, after creating a tenant ({@code plan_tenant})
     * with 100 endpoints (numbered by URL, 1–100) and one event.
     */
    private static void withHundredEndpoints(InTheFixture body) throws Exception {
        try (Connection owner = TestDatabase.asOwner(); Statement sql = owner.createStatement()) {
            owner.setAutoCommit(false);
            try {
                sql.execute("create temporary table plan_tenant on commit drop as select gen_random_uuid() as id");
                sql.execute("""
                        insert into webhook_endpoints (tenant_id, id, url, event_types, secret, created_at, updated_at)
                        select t.id, gen_random_uuid(), 'https://hooks.example.com/' || lpad(n::text, 3, '0'), '["*"]',
                               '\\x00', now(), now()
                        from plan_tenant t, generate_series(1, 100) n""");
                sql.execute("""
                        insert into webhook_events (tenant_id, id, event_type, payload, created_at)
                        select t.id, t.id, 'webhook.test', '{}', now() from plan_tenant t""");
                body.run(sql);
            } finally {
                owner.rollback();
            }
        }
    }

    /** {@code perEndpoint} deliveries for each endpoint that matches {@code which} (e.n: the endpoint's number, 1–100). */
    private static String deliveries(String state, String nextAttempt, int perEndpoint, String which) {
        return """
                insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, state, next_attempt_at,
                                                created_at)
                select e.tenant_id, gen_random_uuid(), e.id, e.tenant_id, 'webhook.test', %s, %s, now()
                from (select w.tenant_id, w.id, row_number() over (order by w.url) as n
                      from webhook_endpoints w join plan_tenant t on t.id = w.tenant_id) e
                cross join generate_series(1, %d)
                where %s""".formatted(state, nextAttempt, perEndpoint, which);
    }

    /** The updates of the table in this transaction, and how many of them were HOT (wrote no index entry). */
    private static java.util.List<Long> updates(Statement sql, String table) throws Exception {
        try (ResultSet rs = sql.executeQuery("""
                select coalesce(n_tup_upd, 0), coalesce(n_tup_hot_upd, 0) from pg_stat_xact_user_tables
                where relname = '%s'""".formatted(table))) {
            return rs.next() ? java.util.List.of(rs.getLong(1), rs.getLong(2)) : java.util.List.of(0L, 0L);
        }
    }

    private static long rowsRead(Statement sql) throws Exception {
        try (ResultSet rs = sql.executeQuery("""
                select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) from pg_stat_xact_user_tables
                where relname = 'webhook_deliveries'""")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
