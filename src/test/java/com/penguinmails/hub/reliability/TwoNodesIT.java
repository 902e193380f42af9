package com.penguinmails.hub.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.penguinmails.hub.testkit.HubClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's scale-out check: two hub jars on different ports share one PostgreSQL. Webhooks go to
 * both alternately (resends and simultaneous copies land on the other node); emails through an
 * integration limited to a few calls are queued through both; the cluster-wide interval jobs (security
 * retention, monitoring history trim) are scheduled on both every two seconds. No inbound event is
 * processed twice, the provider sees no more calls than the integration's limit (Bucket4j buckets in
 * PostgreSQL), each interval job runs at most once per interval, and each outbound message reaches the
 * endpoint exactly once. The database is a real PostgreSQL server from the machine's packages when one is
 * installed ({@code .ci/run} installs Debian's), else an embedded one; it is restarted in the middle of the
 * load, and both nodes carry on by themselves without losing or doubling anything acknowledged.
 * <p>
 * Small size in {@code mvn verify}; full size:
 * {@code mvn -B verify -Dit.test=TwoNodesIT -Dreliability.size=full}.
 */
class TwoNodesIT {

    private static final Duration RETENTION_INTERVAL = Duration.ofSeconds(2);

    @TempDir
    Path work;

    @Test
    void twoNodesOnOneDatabaseProcessOnceLimitGloballyScheduleOnceAndDeliverOnce() throws Exception {
        boolean full = ReliabilityReport.full();
        Duration loadTime = full ? Duration.ofSeconds(40) : Duration.ofSeconds(6);
        int threads = full ? 16 : 6;
        int limit = full ? 20 : 5;
        int simultaneous = full ? 500 : 50;

        try (ReliabilityDatabase database = ReliabilityDatabase.packagedOr(work.resolve("postgres"));
             WebhookReceiver receiver = new WebhookReceiver();
             MailgunStub mailgun = new MailgunStub()) {
            Map<String, String> settings = Map.of(
                    "HUB_MAILGUN_US_BASE_URL", mailgun.url(),
                    "HUB_GATEWAY_SHARED_RATE_LIMITS", "true",
                    "HUB_GATEWAY_MAX_PERMIT_WAIT", "1s",
                    "HUB_SECURITY_RETENTION_INTERVAL", RETENTION_INTERVAL.toSeconds() + "s",
                    "HUB_SECURITY_RETENTION_INITIAL_DELAY", "1s",
                    "HUB_MONITORING_RETENTION_INTERVAL", RETENTION_INTERVAL.toSeconds() + "s");
            HubNode a = new HubNode("hub-a", HubNode.logsOf(getClass()), database, settings);
            HubNode b = new HubNode("hub-b", HubNode.logsOf(getClass()), database, settings);
            try {
                // both start at once: Flyway's lock lets one migrate while the other waits
                a.start();
                b.start();
                a.awaitReady();
                b.awaitReady();
                recordJobRuns(database);
                Instant observedFrom = Instant.now();

                EmailTenant tenant = new EmailTenant(a.base(), receiver.url(), database);
                HubClient viaB = new HubClient(b.base(), tools.jackson.databind.json.JsonMapper.builder().build());

                // a rate-limited integration: 3 × limit messages queued through both nodes
                String limitedDomain = "limited-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
                UUID limited = tenant.integration(limitedDomain, "limited-signing-" + UUID.randomUUID(), limit);
                for (int i = 0; i < 3 * limit; i++) {
                    tenant.send(i % 2 == 0 ? tenant.hub : viaB, limited, limitedDomain);
                }

                // inbound: alternate nodes, provider-style resends, and copies posted to both nodes at once
                WebhookLoad load = new WebhookLoad();
                load.start(threads, n -> n % 2 == 0 ? a.base() : b.base(), tenant::clicked, response -> { });
                HttpClient http = HttpClient.newHttpClient();
                List<String> twins = new ArrayList<>();
                for (int i = 0; i < simultaneous; i++) {
                    String id = "twin-" + UUID.randomUUID();
                    twins.add(id);
                    CompletableFuture<HttpResponse<Void>> toA = http.sendAsync(tenant.clicked(a.base(), id),
                            HttpResponse.BodyHandlers.discarding());
                    CompletableFuture<HttpResponse<Void>> toB = http.sendAsync(tenant.clicked(b.base(), id),
                            HttpResponse.BodyHandlers.discarding());
                    assertThat(toA.get().statusCode()).isEqualTo(200);
                    assertThat(toB.get().statusCode()).isEqualTo(200);
                }
                // the database restarts under the load: both nodes reconnect by themselves
                Thread.sleep(loadTime.toMillis() / 2);
                long restartedAt = System.nanoTime();
                database.restart(Duration.ofSeconds(3));
                a.awaitReady();
                b.awaitReady();
                long recoveredMillis = (System.nanoTime() - restartedAt) / 1_000_000;
                Thread.sleep(loadTime.toMillis() / 2);
                load.stop();

                Ledger ledger = new Ledger(database);
                Set<String> acknowledged = new java.util.HashSet<>(load.acknowledged());
                acknowledged.addAll(twins);
                Set<String> keys = acknowledged.stream().map(EmailTenant::dedupKey).collect(Collectors.toSet());
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(ledger.inbox(tenant.tenant, tenant.mailgun).values())
                                .allSatisfy(row -> assertThat(row.state()).isEqualTo("done")));
                Map<String, Ledger.InboxRow> inbox = ledger.inbox(tenant.tenant, tenant.mailgun);
                assertThat(inbox.keySet()).containsAll(keys);
                // an attempt cut by the restart is rolled back and tried again: "once" is about effects
                long retriedAfterRestart = inbox.values().stream().filter(row -> row.attempts() > 1).count();
                Map<String, Integer> effects = ledger.emailEvents(tenant.tenant);
                assertThat(effects.keySet()).isEqualTo(inbox.keySet());
                assertThat(effects.values()).containsOnly(1);

                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(receiver.webhookIds()).containsAll(ledger.outboundMessages(tenant.tenant, "email.clicked")));
                Set<String> outbound = ledger.outboundMessages(tenant.tenant, "email.clicked");
                assertThat(outbound).hasSize(inbox.size());
                assertThat(receiver.inboundEvents()).containsAll(acknowledged);
                // a delivery the receiver took while the restart cut its result from being recorded is sent again
                // (at least once on the wire, webhook-id lets receivers drop it): at most the endpoint's in-flight
                // limit (4) can be caught so; the two nodes never deliver one message both
                assertThat(receiver.duplicates()).as("outbound messages delivered twice").isLessThanOrEqualTo(4);

                // the limited integration: the provider saw exactly its limit, however many nodes sent
                await().atMost(Duration.ofSeconds(60)).until(() -> mailgun.sends(limitedDomain) >= limit);
                Thread.sleep(full ? 15_000 : 4_000); // both nodes keep retrying the rest meanwhile
                int sent = mailgun.sends(limitedDomain);
                assertThat(sent).as("calls the provider saw against a limit of " + limit).isEqualTo(limit);
                Map<String, Map<String, Long>> attempts = Map.of(a.name(), gatewayAttempts(a, limited),
                        b.name(), gatewayAttempts(b, limited));

                // the interval jobs: scheduled on both nodes every interval, each run once per interval in all
                JobRuns retention = oncePerInterval(database, "security.retention", observedFrom);
                JobRuns trim = oncePerInterval(database, "monitoring.trim", observedFrom);

                ReliabilityReport.write("TwoNodesIT: two hub nodes on one PostgreSQL", List.of(
                        "| measure | value |", "|---|---|",
                        "| database | " + database.describe() + " |",
                        "| database restarted under load (fast shutdown, 3 s down) → both nodes ready again, ms | "
                                + recoveredMillis + " |",
                        "| webhook requests (alternating nodes, ~10% resends) by status | " + load.statuses() + " |",
                        "| events posted to both nodes at the same moment | " + simultaneous + " |",
                        "| distinct events acknowledged / stored / processed | " + acknowledged.size() + " / " + inbox.size()
                                + " / " + inbox.values().stream().filter(r -> "done".equals(r.state())).count() + " |",
                        "| events tried again after an attempt the restart cut (attempts > 1), effects recorded twice | "
                                + retriedAfterRestart + ", "
                                + effects.values().stream().filter(c -> c > 1).count() + " |",
                        "| outbound messages published / delivered / duplicates on the wire | " + outbound.size() + " / "
                                + receiver.webhookIds().size() + " / " + receiver.duplicates() + " |",
                        "| rate-limited integration: limit, messages queued, calls the provider saw | " + limit
                                + "/min and /h, " + 3 * limit + ", " + sent + " |",
                        "| … gateway attempts per node (`hub_gateway_attempts_total` by outcome) | " + attempts + " |",
                        "| retention job (interval " + RETENTION_INTERVAL.toSeconds() + " s on both nodes): runs observed, "
                                + "by node, shortest gap | " + retention + " |",
                        "| monitoring history trim (interval " + RETENTION_INTERVAL.toSeconds() + " s on both nodes): runs "
                                + "observed, by node, shortest gap | " + trim + " |"));
            } finally {
                a.kill();
                b.kill();
            }
        }
    }

    /** One interval job's runs while observed: how many, by node, and the shortest gap between two. */
    private record JobRuns(int runs, Map<String, Long> byNode, long shortestGapMs) {
        @Override
        public String toString() {
            return runs + ", " + byNode + ", " + String.format("%,d", shortestGapMs) + " ms";
        }
    }

    /** Asserts that the job ran at least twice while observed and never twice within one interval. */
    private static JobRuns oncePerInterval(ReliabilityDatabase database, String job, Instant from) throws Exception {
        List<Object[]> runs = jobRuns(database, job, from);
        assertThat(runs).as(job + " ran while observed").hasSizeGreaterThanOrEqualTo(2);
        long shortestGap = Long.MAX_VALUE;
        for (int i = 1; i < runs.size(); i++) {
            long gap = Duration.between((Instant) runs.get(i - 1)[0], (Instant) runs.get(i)[0]).toMillis();
            shortestGap = Math.min(shortestGap, gap);
        }
        assertThat(shortestGap).as(job + ": no two runs within one interval").isGreaterThanOrEqualTo(
                RETENTION_INTERVAL.toMillis() - 1);
        return new JobRuns(runs.size(), new TreeMap<>(runs.stream()
                .collect(Collectors.groupingBy(r -> (String) r[1], Collectors.counting()))), shortestGap);
    }

    /**
     * Records every run of every cluster-wide job (each run writes {@code scheduled_job_runs}) with
     * the node that ran it, through a trigger the test adds as superuser.
     */
    private static void recordJobRuns(ReliabilityDatabase database) throws Exception {
        try (Connection c = database.superuser(); Statement st = c.createStatement()) {
            st.execute("""
                    create table test_job_runs (job text not null, last_run_at timestamptz not null, node text,
                                                recorded_at timestamptz not null default clock_timestamp())""");
            st.execute("""
                    create function test_record_job_run() returns trigger language plpgsql security definer as $$
                    begin
                        insert into test_job_runs (job, last_run_at, node)
                        values (new.job, new.last_run_at, current_setting('application_name'));
                        return new;
                    end $$""");
            st.execute("""
                    create trigger test_job_runs after insert or update on scheduled_job_runs
                    for each row execute function test_record_job_run()""");
        }
    }

    private static List<Object[]> jobRuns(ReliabilityDatabase database, String job, Instant from) throws Exception {
        List<Object[]> runs = new ArrayList<>();
        try (Connection c = database.superuser(); var ps = c.prepareStatement("""
                select last_run_at, node from test_job_runs where job = ? and recorded_at >= ? order by last_run_at""")) {
            ps.setString(1, job);
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Object[] {rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getString(2)});
                }
            }
        }
        return runs;
    }

    /** The node's own count of provider calls for one integration, by outcome, from its Prometheus endpoint. */
    private static Map<String, Long> gatewayAttempts(HubNode node, UUID integration) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.base()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> byOutcome = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("hub_gateway_attempts_total{") && line.contains("integration=\"" + integration + "\"")) {
                int at = line.indexOf("outcome=\"") + 9;
                String outcome = line.substring(at, line.indexOf('"', at));
                long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                byOutcome.merge(outcome, count, Long::sum);
            }
        }
        return byOutcome;
    }
}
