package com.penguinmails.hub.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub as a user runs it: the jar with its own embedded PostgreSQL in a data folder, nothing else.
 * <ol>
 *   <li>Under signed webhook load (and the outbound deliveries it causes) the JVM is killed with SIGKILL
 *       and started again on the same folder, five times: its PostgreSQL outlives it each time, and each
 *       new start stops that leftover server and comes up.</li>
 *   <li>Then the embedded PostgreSQL itself is killed with SIGKILL under load: requests answer
 *       {@code 503 database_unavailable} with {@code Retry-After} within the connection timeout plus a margin
 *       (none hangs), and the hub starts its database again and is healthy with nobody touching it.</li>
 * </ol>
 * Afterwards every acknowledged event is stored once, processed once, and its outbound message delivered.
 * <p>
 * Small size in {@code mvn verify} (5 kills); full size {@code -Dreliability.size=full} (10 kills).
 */
class EmbeddedRecoveryIT {

    /** The hub's connection timeout in this test; a refusal must come within it plus {@link #MARGIN}. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** Generous: two loaded cores run the hub, its database, the load and the receiver. */
    private static final Duration MARGIN = Duration.ofSeconds(4);

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void theJarOnItsOwnFolderComesBackAfterEveryKillOfItselfOrItsDatabaseLosingNothing() throws Exception {
        boolean full = ReliabilityReport.full();
        int kills = full ? 10 : 5;
        int threads = full ? 8 : 4;
        Duration uptime = full ? Duration.ofSeconds(8) : Duration.ofSeconds(3);

        ReliabilityDatabase database = ReliabilityDatabase.ofHubFolder(work.resolve("data").resolve("postgres"));
        try (WebhookReceiver receiver = new WebhookReceiver(); MailgunStub mailgun = new MailgunStub()) {
            HubNode hub = new HubNode("embedded", HubNode.logsOf(getClass()), database, Map.of(
                    "HUB_MAILGUN_US_BASE_URL", mailgun.url(),
                    "HUB_DB_CONNECTION_TIMEOUT", CONNECTION_TIMEOUT.toSeconds() + "s"));
            try {
                hub.start().awaitReady();
                EmailTenant tenant = new EmailTenant(hub.base(), receiver.url(), database);
                List<String> wrongAnswers = new CopyOnWriteArrayList<>();
                WebhookLoad load = new WebhookLoad();
                load.start(threads, n -> hub.base(), tenant::clicked, response -> check(response, wrongAnswers));

                // 1. SIGKILL of the JVM: its PostgreSQL is left running on the folder
                List<Long> restartMillis = new ArrayList<>();
                for (int kill = 0; kill < kills; kill++) {
                    Thread.sleep(uptime.toMillis() / 2 + (long) (Math.random() * uptime.toMillis()));
                    long leftover = database.hubFolderPostmasterPid();
                    hub.kill();
                    assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
                            .as("the killed hub's PostgreSQL outlives it").contains(true);
                    long killed = System.nanoTime();
                    hub.start().awaitReady();
                    restartMillis.add((System.nanoTime() - killed) / 1_000_000);
                    assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false))
                            .as("the new hub stopped the leftover server").isFalse();
                }
                Thread.sleep(uptime.toMillis());

                // 2. SIGKILL of the embedded PostgreSQL under load
                WebhookLoad duringOutage = new WebhookLoad();
                duringOutage.start(threads, n -> hub.base(), tenant::clicked, response -> check(response, wrongAnswers));
                Thread.sleep(1000);
                long postmaster = database.hubFolderPostmasterPid();
                ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
                long killedAt = System.nanoTime();
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                        health(http, hub) == 503);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                        health(http, hub) == 200);
                long backMillis = (System.nanoTime() - killedAt) / 1_000_000;
                assertThat(database.hubFolderPostmasterPid()).as("a new postmaster").isNotEqualTo(postmaster);
                Thread.sleep(uptime.toMillis());
                duringOutage.stop();
                load.stop();

                assertThat(wrongAnswers).as("refusals are 503 database_unavailable with Retry-After").isEmpty();
                assertThat(duringOutage.statuses()).as("the outage was felt, never as a 500").containsKey(503)
                        .doesNotContainKey(500);
                assertThat(load.unanswered() + duringOutage.unanswered()).as("requests left hanging").isZero();
                assertThat(duringOutage.longestRefusalMillis()).as("longest wait for a refusal, ms")
                        .isLessThanOrEqualTo(CONNECTION_TIMEOUT.plus(MARGIN).toMillis());
                assertThat(prometheus(http, hub)).contains("hub_db_embedded_restarts_total 1.0");

                Set<String> acknowledged = new HashSet<>(load.acknowledged());
                acknowledged.addAll(duringOutage.acknowledged());
                Set<String> keys = acknowledged.stream().map(EmailTenant::dedupKey).collect(Collectors.toSet());
                Ledger ledger = new Ledger(database);
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(ledger.inbox(tenant.tenant, tenant.mailgun).values())
                                .allSatisfy(row -> assertThat(row.state()).isEqualTo("done")));
                Map<String, Ledger.InboxRow> inbox = ledger.inbox(tenant.tenant, tenant.mailgun);
                assertThat(inbox.keySet()).as("every acknowledged event is stored").containsAll(keys);
                Map<String, Integer> effects = ledger.emailEvents(tenant.tenant);
                assertThat(effects.keySet()).as("each stored event had its effect").isEqualTo(inbox.keySet());
                assertThat(effects.values()).as("... exactly once").containsOnly(1);
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(receiver.webhookIds()).containsAll(ledger.outboundMessages(tenant.tenant, "email.clicked")));
                assertThat(receiver.inboundEvents()).as("the outbound message of every acknowledged event arrived")
                        .containsAll(acknowledged);

                ReliabilityReport.write("EmbeddedRecoveryIT: the jar on its own embedded database, killed and its database killed",
                        List.of("| measure | value |", "|---|---|",
                                "| SIGKILLs of the JVM, each restarted on the same data folder | " + kills + " |",
                                "| kill → ready again (leftover PostgreSQL stopped first), ms | " + restartMillis + " |",
                                "| SIGKILL of the embedded PostgreSQL → health UP again by itself, ms | " + backMillis + " |",
                                "| answers during the JVM kills by status (-1: no connection) | " + load.statuses() + " |",
                                "| answers around the database kill by status | " + duringOutage.statuses() + " |",
                                "| longest wait for a refusal, ms (connection timeout " + CONNECTION_TIMEOUT.toMillis()
                                        + " ms) | " + duringOutage.longestRefusalMillis() + " |",
                                "| requests without an answer in " + WebhookLoad.REQUEST_TIMEOUT.toSeconds() + " s | "
                                        + (load.unanswered() + duringOutage.unanswered()) + " |",
                                "| distinct events acknowledged / stored / processed | " + acknowledged.size() + " / "
                                        + inbox.size() + " / " + inbox.values().stream()
                                        .filter(r -> "done".equals(r.state())).count() + " |",
                                "| acknowledged events missing, effects recorded twice | "
                                        + keys.stream().filter(k -> !inbox.containsKey(k)).count() + ", "
                                        + effects.values().stream().filter(c -> c > 1).count() + " |",
                                "| outbound messages delivered (distinct webhook-id) | " + receiver.webhookIds().size() + " |"));
            } finally {
                hub.kill();
                // the killed hub's PostgreSQL would outlive the test: stop it as the next hub would
                try {
                    ProcessHandle.of(database.hubFolderPostmasterPid()).ifPresent(ProcessHandle::destroy);
                } catch (java.io.IOException | RuntimeException ignored) {
                    // not running
                }
            }
        }
    }

    private static int health(HttpClient http, HubNode hub) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String prometheus(HttpClient http, HubNode hub) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void check(HttpResponse<String> response, List<String> wrong) {
        String problem = response.statusCode() + " " + response.body();
        boolean outage = response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()
                && response.body().contains("\"database_unavailable\"");
        if (!outage) {
            wrong.add(problem);
        }
    }
}
