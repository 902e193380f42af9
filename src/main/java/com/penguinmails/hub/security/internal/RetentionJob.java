package com.penguinmails.hub.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.ExpiringData;

/**
 * Deletes expired rows of every {@link ExpiringData} table, across all tenants, once per
 * {@code hub.security.retention-interval} across the whole cluster: each node tries on its own
 * schedule, but only the one holding the transaction-level advisory lock works, and it skips when
 * another node already ran within the interval ({@code scheduled_job_runs}). Deletes in batches.
 */
@Component
class RetentionJob {

    static final String JOB = "security.retention";
    /** The cluster-wide lock's key: "pm" "ret" in ASCII, fixed for every node. */
    static final long LOCK_KEY = 0x706d_0072_6574L;
    private static final int BATCH = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(:key)";
    private static final String LAST_RUN = "select last_run_at from scheduled_job_runs where job = :job";
    private static final String MARK_RUN = """
            insert into scheduled_job_runs (job, last_run_at) values (:job, :now)
            on conflict (job) do update set last_run_at = excluded.last_run_at""";
    private static final String DELETE_EXPIRED = "select hub_delete_expired(:table, :cutoff, :batch)";

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final SecurityProperties properties;
    private final List<ExpiringData> sources;
    private final Clock clock;

    RetentionJob(JdbcClient jdbc, TenantTransactions transactions, SecurityProperties properties,
                 List<ExpiringData> sources, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /** What one attempt did. */
    record Outcome(boolean ran, String skippedBecause, Map<String, Long> deleted) {
        static Outcome skipped(String reason) {
            return new Outcome(false, reason, Map.of());
        }
    }

    @Scheduled(initialDelayString = "${hub.security.retention-initial-delay:1m}",
            fixedDelayString = "${hub.security.retention-interval:1h}")
    void scheduled() {
        Outcome outcome = purge(sources);
        if (outcome.ran() && !outcome.deleted().isEmpty()) {
            log.info("Retention deleted expired rows: {}", outcome.deleted());
        }
    }

    Outcome purge(List<ExpiringData> tables) {
        Instant now = clock.instant();
        return transactions.inCurrentScope(() -> {
            if (!jdbc.sql(TRY_LOCK).param("key", LOCK_KEY).query(Boolean.class).single()) {
                return Outcome.skipped("another node is running it");
            }
            Instant last = jdbc.sql(LAST_RUN).param("job", JOB)
                    .query((rs, n) -> SqlValues.instant(rs, "last_run_at")).optional().orElse(null);
            if (last != null && last.isAfter(now.minus(properties.retentionInterval()))) {
                return Outcome.skipped("ran at " + last);
            }
            Map<String, Long> deleted = new LinkedHashMap<>();
            for (ExpiringData table : tables) {
                Instant cutoff = now.minus(table.retention().orElse(properties.rawPayloadRetention()));
                long total = 0;
                long batch;
                do {
                    batch = jdbc.sql(DELETE_EXPIRED).param("table", table.table())
                            .param("cutoff", SqlValues.timestamp(cutoff)).param("batch", BATCH)
                            .query(Long.class).single();
                    total += batch;
                } while (batch == BATCH);
                deleted.put(table.table(), total);
            }
            jdbc.sql(MARK_RUN).param("job", JOB).param("now", SqlValues.timestamp(now)).update();
            return new Outcome(true, null, deleted);
        });
    }
}
