package com.penguinmails.hub.webhook.internal;

import static com.penguinmails.hub.testkit.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.webhook.ParsedEvent;

/** The group commit: many requests per transaction, each with its own outcome. */
class InboxWriterIntegrationTests extends HubIntegrationTest {

    @Autowired
    InboxWriter writer;

    @Autowired
    Inbox inbox;

    @Autowired
    com.penguinmails.hub.platform.database.TenantTransactions transactions;

    private static Inbox.Arrival arrival(UUID tenant, String token, String tokenEvent, String dedup, String payload) {
        return new Inbox.Arrival(tenant, "mailgun", null, Instant.now(), "test", "127.0.0.1", token, tokenEvent,
                List.of(new ParsedEvent(dedup, "delivered", null, payload)));
    }

    /** Submits every arrival at once from its own thread; answers each outcome, or the exception it ended with. */
    private List<Object> concurrently(List<Inbox.Arrival> arrivals) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(arrivals.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Inbox.Arrival arrival : arrivals) {
                Callable<Object> store = () -> {
                    start.await();
                    try {
                        return writer.store(arrival);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(threads.submit(store));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRequestTheDatabaseRefusesFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        UUID tenant = UUID.randomUUID();
        List<Inbox.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // the inbox's check refuses a de-duplication key longer than 300 characters
            arrivals.add(arrival(tenant, null, null, i == 17 ? "event-17-" + "x".repeat(300) : "event-" + i,
                    "{\"n\":" + i + "}"));
        }

        List<Object> outcomes = concurrently(arrivals);

        for (int i = 0; i < outcomes.size(); i++) {
            if (i == 17) {
                assertThat(outcomes.get(i)).isInstanceOf(DataIntegrityViolationException.class);
            } else {
                assertThat(outcomes.get(i)).isEqualTo(OptionalInt.of(1));
            }
        }
        assertThat(count("select count(*) from webhook_inbox where tenant_id = ?", tenant)).isEqualTo(39);
        assertThat(count("select count(*) from webhook_inbox where tenant_id = ? and dedup_key like 'event-17%'", tenant))
                .isZero();
    }

    @Test
    void aKeyTwiceIsStoredOnceAndATokenServesOneEventWhicheverBatchesTheyLandIn() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String token = "token-" + UUID.randomUUID();
        List<Inbox.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arrivals.add(arrival(tenant, null, null, "twice", "{}"));
            arrivals.add(arrival(i % 2 == 0 ? tenant : other, token, "event-" + i, "event-" + i, "{}"));
        }

        List<Object> outcomes = concurrently(arrivals);

        List<Object> sameKey = new ArrayList<>();
        List<Object> sameToken = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            (i % 2 == 0 ? sameKey : sameToken).add(outcomes.get(i));
        }
        assertThat(sameKey).containsOnly(OptionalInt.of(0), OptionalInt.of(1)).filteredOn(OptionalInt.of(1)::equals)
                .hasSize(1);
        assertThat(sameToken).containsOnly(OptionalInt.empty(), OptionalInt.of(1)).filteredOn(OptionalInt.of(1)::equals)
                .hasSize(1);
        assertThat(count("select count(*) from webhook_inbox where tenant_id in (?, ?)", tenant, other)).isEqualTo(2);
        assertThat(count("select count(*) from webhook_one_use_tokens where token = ?", token)).isEqualTo(1);
    }

    @Test
    void oneStatementPerTenantStoresABatchAndAnswersEachRequest() {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String token = "token-" + UUID.randomUUID();
        Inbox.Arrival sendGridLike = new Inbox.Arrival(tenant, "sendgrid", null, Instant.now(), "test", "127.0.0.1",
                null, null, List.of(new ParsedEvent("a", "delivered", null, "{\"n\": 1}"),
                new ParsedEvent("b", "open", Instant.parse("2026-01-02T03:04:05Z"), "[1, 2]"),
                new ParsedEvent("a", "delivered", null, "{\"n\": 1}")));
        List<OptionalInt> outcomes = transactions.inCurrentScope(() -> inbox.storeAll(List.of(
                sendGridLike,
                arrival(other, token, "first", "first", "{}"),
                arrival(tenant, null, null, "b", "{}"), // same key as sendGridLike's "b", other provider
                arrival(other, token, "second", "second", "{}"),
                arrival(tenant, null, null, "a", "{}"))));

        // "a" twice in one request counts once; a key is unique per provider; the token serves "first" only
        assertThat(outcomes).containsExactly(OptionalInt.of(2), OptionalInt.of(1), OptionalInt.of(1), OptionalInt.empty(),
                OptionalInt.of(1));
        assertThat(count("select count(*) from webhook_inbox where tenant_id = ?", tenant)).isEqualTo(4);
        assertThat(count("select count(*) from webhook_inbox where tenant_id = ? and dedup_key = 'second'", other)).isZero();
        assertThat(count("""
                select count(*) from webhook_inbox where tenant_id = ? and provider = 'sendgrid' and dedup_key = 'b'
                  and event_type = 'open' and occurred_at = '2026-01-02T03:04:05Z' and payload = '[1, 2]'
                  and substr(id::text, 15, 1) = '7'""", tenant)).isEqualTo(1);
    }

    /**
     * A batch PostgreSQL picks as a deadlock's victim is written again, and its request is answered as if
     * nothing had happened. The deadlock is made by hand: a transaction of the test holds key "b", the
     * writer's batch takes "a" (rows go in key order) and waits for "b"; then the test's transaction asks
     * for "a". The writer waited first, so its deadlock check (after {@code deadlock_timeout}) finds the
     * cycle first and PostgreSQL rolls the writer's transaction back.
     */
    @Test
    void aBatchChosenAsADeadlocksVictimIsWrittenAgain() throws Exception {
        UUID tenant = UUID.randomUUID();
        Inbox.Arrival both = new Inbox.Arrival(tenant, "sendgrid", null, Instant.now(), "test", "127.0.0.1", null,
                null, List.of(new ParsedEvent("a", "delivered", null, "{}"), new ParsedEvent("b", "delivered", null, "{}")));
        long deadlocksBefore = count("select deadlocks from pg_stat_database where datname = current_database()");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection holder = TestDatabase.asOwner()) {
            holder.setAutoCommit(false);
            insert(holder, tenant, "b");
            int holderPid = pid(holder);
            Future<OptionalInt> stored = threads.submit(() -> writer.store(both));
            await().atMost(Duration.ofSeconds(20)).until(() -> count("""
                    select count(*) from pg_locks w join pg_locks h on h.transactionid = w.transactionid and h.granted
                    where not w.granted and w.locktype = 'transactionid' and h.pid = ?""", holderPid) > 0);

            Future<?> closing = threads.submit(() -> {
                insert(holder, tenant, "a"); // closes the cycle; waits until PostgreSQL breaks it
                return null;
            });
            closing.get(30, TimeUnit.SECONDS);
            holder.rollback(); // the holder gives both keys up; the writer's second try can take them

            assertThat(stored.get(30, TimeUnit.SECONDS)).isEqualTo(OptionalInt.of(2));
        } finally {
            threads.shutdownNow();
        }
        // the statistics collector reports the broken deadlock within about half a second
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select deadlocks from pg_stat_database where datname = current_database()") > deadlocksBefore);
        assertThat(count("select count(*) from webhook_inbox where tenant_id = ? and provider = 'sendgrid'", tenant))
                .isEqualTo(2);
    }

    private static void insert(Connection db, UUID tenant, String dedup) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                insert into webhook_inbox (tenant_id, id, provider, dedup_key, event_type, received_at, payload,
                                           next_attempt_at)
                values (?, gen_random_uuid(), 'sendgrid', ?, 'delivered', now(), '{}', now())""")) {
            ps.setObject(1, tenant);
            ps.setString(2, dedup);
            ps.executeUpdate();
        }
    }

    private static int pid(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
