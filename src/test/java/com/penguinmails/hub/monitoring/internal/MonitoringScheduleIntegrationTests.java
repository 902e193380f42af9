package com.penguinmails.hub.monitoring.internal;

import static com.penguinmails.hub.testkit.TestDatabase.count;
import static com.penguinmails.hub.testkit.TestDatabase.execute;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.monitoring.MonitoredTenant;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestDatabase;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringScheduleIntegrationTests extends HubIntegrationTest {

    @Autowired
    HealthSchedule schedule;

    @Autowired
    HealthRecords records;

    @Test
    void concurrentClaimsTakeADueCheckOnceAndMoveItOneIntervalAhead() throws Exception {
        MonitoredTenant t = new MonitoredTenant(hub(), "Scheduled");
        // two nodes claim at the same moment (the background schedule is off in tests: nothing else runs checks)
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.time.Instant now = java.time.Instant.now();
            var first = pool.submit(() -> records.claim(now, 100_000));
            var second = pool.submit(() -> records.claim(now, 100_000));
            long claims = java.util.stream.Stream.concat(first.get().stream(), second.get().stream())
                    .filter(c -> c.integrationId().equals(t.integration)).count();
            assertThat(claims).as("claimed by exactly one of them").isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(records.claim(java.time.Instant.now(), 100_000))
                .noneMatch(c -> c.integrationId().equals(t.integration));
        assertThat(count("select count(*) from health_check_schedule where integration_id = ?"
                + " and next_check_at = last_claimed_at + interval '60 seconds'", t.integration))
                .as("its own healthCheckIntervalSeconds").isEqualTo(1);
        // due again one interval later
        assertThat(records.claim(java.time.Instant.now().plusSeconds(61), 100_000))
                .anyMatch(c -> c.integrationId().equals(t.integration));
    }

    @Test
    void theScheduledRunChecksADueIntegrationOnceAndMovesItsNextCheckOneIntervalAhead() throws Exception {
        // every check other classes left due is claimed (moved ahead) first, so the run below has only this one
        records.claim(java.time.Instant.now(), 100_000);
        MonitoredTenant t = new MonitoredTenant(hub(), "Due");
        var domainCalls = getRequestedFor(urlPathEqualTo("/v3/domains/" + t.domain));
        int callsBefore = ProviderStubs.server().countRequestsMatching(domainCalls.build()).getCount();
        assertThat(count("select count(*) from integration_health where integration_id = ?", t.integration)).isZero();

        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusNanos(1_000_000);
        schedule.runDue(); // what the @Scheduled trigger calls
        OffsetDateTime after = OffsetDateTime.now(ZoneOffset.UTC).plusNanos(1_000_000);

        assertThat(count("select count(*) from integration_health where integration_id = ? and probe = 'up'"
                + " and status = 'healthy'", t.integration)).as("one check, recorded").isEqualTo(1);
        assertThat(ProviderStubs.server().countRequestsMatching(domainCalls.build()).getCount() - callsBefore)
                .as("one probe call to Mailgun").isEqualTo(1);
        assertThat(count("select count(*) from health_check_schedule where integration_id = ?"
                + " and last_claimed_at between ? and ? and next_check_at = last_claimed_at + interval '60 seconds'",
                t.integration, before, after)).as("next due one healthCheckIntervalSeconds after this run").isEqualTo(1);
        var health = hub().get(t.base() + "/monitoring/integrations/" + t.integration, t.owner.token());
        assertThat(health.status()).as(health.raw().body()).isEqualTo(200);
        assertThat(health.body().get("integration").get("health").get("status").asString()).isEqualTo("healthy");

        // not due again before its interval: the next run leaves it alone
        schedule.runDue();
        assertThat(count("select count(*) from integration_health where integration_id = ?", t.integration)).isEqualTo(1);
        assertThat(ProviderStubs.server().countRequestsMatching(domainCalls.build()).getCount() - callsBefore).isEqualTo(1);
    }

    @Test
    void historyOlderThanTheRetentionIsDeletedAndRecentHistoryKept() throws Exception {
        MonitoredTenant t = new MonitoredTenant(hub(), "Retained");
        t.check();
        execute("""
                insert into integration_health (tenant_id, id, integration_id, checked_at, status, score, probe,
                    window_seconds, requests_total, requests_successful, requests_failed, error_rate, uptime_percentage)
                values (?, ?, ?, now() - interval '31 days', 'healthy', 100, 'up', 900, 1, 1, 0, 0, 100)""",
                t.tenant, UUID.randomUUID(), t.integration);
        execute("""
                insert into integration_traffic (tenant_id, integration_id, minute, requests)
                values (?, ?, date_trunc('minute', now() - interval '31 days'), 7)""", t.tenant, t.integration);
        assertThat(count("select count(*) from integration_health where integration_id = ?", t.integration)).isEqualTo(2);

        execute("delete from scheduled_job_runs where job = ?", HealthSchedule.TRIM_JOB); // once per interval: due now
        schedule.trim();

        assertThat(count("select count(*) from integration_health where integration_id = ?", t.integration)).isEqualTo(1);
        assertThat(count("select count(*) from integration_traffic where integration_id = ? and minute < now() - interval '30 days'",
                t.integration)).isZero();
        assertThat(count("select count(*) from integration_traffic where integration_id = ?", t.integration)).isEqualTo(1);
    }
}
