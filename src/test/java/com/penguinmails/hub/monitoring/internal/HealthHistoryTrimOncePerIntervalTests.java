package com.penguinmails.hub.monitoring.internal;

import static com.penguinmails.hub.testkit.TestDatabase.count;
import static com.penguinmails.hub.testkit.TestDatabase.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.monitoring.MonitoredTenant;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring history trim is a cluster-wide interval job: however many nodes (here: racing threads)
 * try it, it runs once per {@code hub.monitoring.retention-interval}, recorded in {@code scheduled_job_runs}.
 */
class HealthHistoryTrimOncePerIntervalTests extends HubIntegrationTest {

    @Autowired
    HealthSchedule schedule;

    @Test
    void racingNodesTrimTheHistoryOnceAndSkipUntilTheIntervalHasPassed() throws Exception {
        MonitoredTenant t = new MonitoredTenant(hub(), "Trimmed once");
        execute("delete from scheduled_job_runs where job = ?", HealthSchedule.TRIM_JOB);
        execute("""
                insert into integration_health (tenant_id, id, integration_id, checked_at, status, score, probe,
                    window_seconds, requests_total, requests_successful, requests_failed, error_rate, uptime_percentage)
                values (?, ?, ?, now() - interval '31 days', 'healthy', 100, 'up', 900, 1, 1, 0, 0, 100)""",
                t.tenant, UUID.randomUUID(), t.integration);

        ExecutorService nodes = Executors.newFixedThreadPool(4);
        List<Long> outcomes = new ArrayList<>();
        try {
            List<Callable<Long>> attempts = java.util.Collections.nCopies(4, schedule::trimOncePerInterval);
            for (Future<Long> attempt : nodes.invokeAll(attempts)) {
                outcomes.add(attempt.get());
            }
        } finally {
            nodes.shutdown();
        }

        assertThat(outcomes.stream().filter(deleted -> deleted >= 0)).as("attempts that trimmed: " + outcomes).hasSize(1);
        assertThat(outcomes.stream().filter(deleted -> deleted >= 1)).as("the old record went with that one").hasSize(1);
        assertThat(count("select count(*) from integration_health where integration_id = ? and checked_at < now() - interval '30 days'",
                t.integration)).isZero();
        assertThat(count("select count(*) from scheduled_job_runs where job = ?", HealthSchedule.TRIM_JOB)).isEqualTo(1);
        // within the interval (1 h by default) a later attempt skips
        assertThat(schedule.trimOncePerInterval()).isEqualTo(-1);
        execute("delete from scheduled_job_runs where job = ?", HealthSchedule.TRIM_JOB);
    }
}
