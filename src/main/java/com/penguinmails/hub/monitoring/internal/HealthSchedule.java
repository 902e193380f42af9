package com.penguinmails.hub.monitoring.internal;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.monitoring.HealthChecks;
import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Every node looks for due checks every {@code hub.monitoring.scheduler-interval}; the database claim
 * makes each integration's check run once per its interval across all nodes. The history older than
 * {@code hub.monitoring.retention} is trimmed once per {@code retention-interval} across the whole
 * cluster, as the retention job does it: every node tries on its own schedule, only the one holding the
 * transaction-level advisory lock works, and it skips when a node already trimmed within the interval
 * ({@code scheduled_job_runs}, job {@value #TRIM_JOB}).
 */
@Component
class HealthSchedule {

    static final String TRIM_JOB = "monitoring.trim";
    /** The cluster-wide lock's key: "pm" "mon" in ASCII, fixed for every node (the retention job's is "pm" "ret"). */
    static final long TRIM_LOCK_KEY = 0x706d_006d_6f6eL;

    private static final Logger log = LoggerFactory.getLogger(HealthSchedule.class);

    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(:key)";
    private static final String LAST_RUN = "select last_run_at from scheduled_job_runs where job = :job";
    private static final String MARK_RUN = """
            insert into scheduled_job_runs (job, last_run_at) values (:job, :now)
            on conflict (job) do update set last_run_at = excluded.last_run_at""";

    private final HealthChecks checks;
    private final HealthRecords records;
    private final MonitoringProperties properties;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Clock clock;

    HealthSchedule(HealthChecks checks, HealthRecords records, MonitoringProperties properties, JdbcClient jdbc,
                   TenantTransactions transactions, Clock clock) {
        this.checks = checks;
        this.records = records;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${hub.monitoring.scheduler-initial-delay:15s}",
            fixedDelayString = "${hub.monitoring.scheduler-interval:10s}")
    void runDue() {
        try {
            int ran;
            do {
                ran = checks.runDue();
            } while (ran >= properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Health checks could not run: {}", e.toString());
        }
    }

    @Scheduled(initialDelayString = "${hub.monitoring.retention-interval:1h}",
            fixedDelayString = "${hub.monitoring.retention-interval:1h}")
    void trim() {
        try {
            long deleted = trimOncePerInterval();
            if (deleted > 0) {
                log.info("Monitoring history: {} row(s) older than {} deleted", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Monitoring history could not be trimmed: {}", e.toString());
        }
    }

    /**
     * Trims the history unless another node is trimming it or trimmed it within the interval; the trim and
     * its {@code scheduled_job_runs} mark commit together. Returns the rows deleted, or -1 when skipped.
     */
    long trimOncePerInterval() {
        Instant now = clock.instant();
        return transactions.inCurrentScope(() -> {
            if (!jdbc.sql(TRY_LOCK).param("key", TRIM_LOCK_KEY).query(Boolean.class).single()) {
                return -1L;
            }
            Instant last = jdbc.sql(LAST_RUN).param("job", TRIM_JOB)
                    .query((rs, n) -> SqlValues.instant(rs, "last_run_at")).optional().orElse(null);
            if (last != null && last.isAfter(now.minus(properties.retentionInterval()))) {
                return -1L;
            }
            long deleted = records.purge(now.minus(properties.retention()));
            jdbc.sql(MARK_RUN).param("job", TRIM_JOB).param("now", SqlValues.timestamp(now)).update();
            return deleted;
        });
    }
}
