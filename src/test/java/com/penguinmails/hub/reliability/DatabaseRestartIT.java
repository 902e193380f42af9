package com.penguinmails.hub.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's database restart under load: PostgreSQL (owned by the test, outside the hub) is shut
 * down and started again while signed webhooks and authenticated API calls keep coming. The same
 * hub process reconnects without any manual action; while the database is away every request gets
 * {@code 503 database_unavailable} with {@code Retry-After} (never a 500); every acknowledged
 * event is stored and processed, and the background workers carry on (outbound messages are
 * delivered after the outage).
 * <p>
 * Small size: a 5-second outage. Full size:
 * {@code mvn -B verify -Dit.test=DatabaseRestartIT -Dreliability.size=full} (three 20-second outages).
 */
class DatabaseRestartIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void theHubReconnectsAnswers503MeanwhileAndLosesNothingAcknowledged() throws Exception {
        boolean full = ReliabilityReport.full();
        int outages = full ? 3 : 1;
        Duration outage = full ? Duration.ofSeconds(20) : Duration.ofSeconds(5);
        Duration between = full ? Duration.ofSeconds(10) : Duration.ofSeconds(3);
        int threads = full ? 12 : 4;

        try (ReliabilityDatabase database = ReliabilityDatabase.start(work.resolve("postgres"));
             WebhookReceiver receiver = new WebhookReceiver();
             MailgunStub mailgun = new MailgunStub()) {
            HubNode hub = new HubNode("db-restart", HubNode.logsOf(getClass()), database,
                    Map.of("HUB_MAILGUN_US_BASE_URL", mailgun.url()));
            try {
                hub.start().awaitReady();
                long pid = hub.pid();
                EmailTenant tenant = new EmailTenant(hub.base(), receiver.url(), database);

                List<String> wrongAnswers = new CopyOnWriteArrayList<>();
                WebhookLoad load = new WebhookLoad();
                load.start(threads, n -> hub.base(), tenant::clicked, response -> check(response, wrongAnswers));
                ApiCalls api = new ApiCalls(hub.base() + "/api/v1/me", tenant.owner.token(), wrongAnswers);
                api.start();

                long outageMillis = 0;
                for (int i = 0; i < outages; i++) {
                    Thread.sleep(between.toMillis());
                    long down = System.nanoTime();
                    database.stop();
                    Thread.sleep(outage.toMillis());
                    database.startAgain();
                    outageMillis += (System.nanoTime() - down) / 1_000_000;
                }
                // without anyone touching the hub, a new webhook is acknowledged again
                long back = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                        HttpClient.newHttpClient().send(tenant.clicked(hub.base(), "after-restart-" + System.nanoTime()),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                long recoveredMillis = (System.nanoTime() - back) / 1_000_000;
                Thread.sleep(between.toMillis());
                load.stop();
                api.stop();

                assertThat(hub.isAlive()).isTrue();
                assertThat(hub.pid()).as("the same process, never restarted").isEqualTo(pid);
                assertThat(wrongAnswers).as("while the database was away, only 503 database_unavailable").isEmpty();
                assertThat(load.statuses()).as("the outage was felt").containsKey(503).doesNotContainKey(500);
                assertThat(api.statuses()).containsKey(503).containsKey(200).doesNotContainKey(500);

                Ledger ledger = new Ledger(database);
                Set<String> acknowledged = load.acknowledged();
                Set<String> keys = acknowledged.stream().map(EmailTenant::dedupKey).collect(Collectors.toSet());
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(ledger.inbox(tenant.tenant, tenant.mailgun).values())
                                .allSatisfy(row -> assertThat(row.state()).isEqualTo("done")));
                Map<String, Ledger.InboxRow> inbox = ledger.inbox(tenant.tenant, tenant.mailgun);
                assertThat(inbox.keySet()).as("nothing acknowledged is lost").containsAll(keys);
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(receiver.webhookIds()).containsAll(ledger.outboundMessages(tenant.tenant, "email.clicked")));
                assertThat(receiver.inboundEvents()).as("delivery workers survived the outage").containsAll(acknowledged);
                String log = Files.readString(hub.log(), StandardCharsets.UTF_8);
                assertThat(log).as("no request reached the 500 branch").doesNotContain("Unexpected failure while handling a request");

                ReliabilityReport.write("DatabaseRestartIT: PostgreSQL restarted under load", List.of(
                        "| measure | value |", "|---|---|",
                        "| outages (PostgreSQL fast shutdown → start on the same port and data) | " + outages + " × "
                                + outage.toSeconds() + " s (" + outageMillis + " ms in all, including stop and start) |",
                        "| database back → first webhook acknowledged again, ms | " + recoveredMillis + " |",
                        "| webhook answers by status | " + load.statuses() + " |",
                        "| authenticated API answers (`GET /api/v1/me`) by status | " + api.statuses() + " |",
                        "| answers other than 2xx or `503 database_unavailable` + `Retry-After` | " + wrongAnswers.size() + " |",
                        "| distinct events acknowledged / stored / processed | " + acknowledged.size() + " / " + inbox.size()
                                + " / " + inbox.values().stream().filter(r -> "done".equals(r.state())).count() + " |",
                        "| acknowledged events missing | " + keys.stream().filter(k -> !inbox.containsKey(k)).count() + " |",
                        "| outbound messages delivered (distinct webhook-id), duplicates on the wire | "
                                + receiver.webhookIds().size() + ", " + receiver.duplicates() + " |"));
            } finally {
                hub.kill();
            }
        }
    }

    /** A refusal must be the outage's 503 problem with Retry-After; anything else is recorded. */
    private void check(HttpResponse<String> response, List<String> wrong) {
        String problem = response.statusCode() + " " + response.body();
        if (response.statusCode() != 503 || response.headers().firstValue("Retry-After").isEmpty()
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            wrong.add(problem);
            return;
        }
        try {
            JsonNode body = json.readTree(response.body());
            if (!"database_unavailable".equals(body.path("code").asString(""))) {
                wrong.add(problem);
            }
        } catch (RuntimeException e) {
            wrong.add(problem);
        }
    }

    /** An authenticated client polling the API: its session is checked in a servlet filter, before Spring MVC. */
    private final class ApiCalls {
        private final String url;
        private final String token;
        private final List<String> wrong;
        private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private volatile boolean running = true;
        private Thread thread;

        ApiCalls(String url, String token, List<String> wrong) {
            this.url = url;
            this.token = token;
            this.wrong = wrong;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                        if (response.statusCode() != 200) {
                            check(response, wrong);
                        }
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                    }
                }
            }, "api-calls");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }

        Map<Integer, Long> statuses() {
            Map<Integer, Long> copy = new TreeMap<>();
            statuses.forEach((status, count) -> copy.put(status, count.get()));
            return copy;
        }
    }
}
