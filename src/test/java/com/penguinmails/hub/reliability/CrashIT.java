package com.penguinmails.hub.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's crash test: the hub jar runs against a PostgreSQL the test owns while signed, unique
 * Mailgun webhooks (and provider-style resends) pour in; the hub is killed with SIGKILL several
 * times and started again on the same database. Afterwards every event that got a 2xx is stored
 * exactly once and processed, and every outbound message it caused reached the customer's endpoint
 * at least once.
 * <p>
 * Small size (in {@code mvn verify}): 3 kills. Full size:
 * {@code mvn -B verify -Dit.test=CrashIT -Dreliability.size=full} (10 kills, longer runs between them).
 */
class CrashIT {

    @TempDir
    Path work;

    @Test
    void everyAcknowledgedEventIsStoredOnceProcessedAndItsOutboundMessageDelivered() throws Exception {
        boolean full = ReliabilityReport.full();
        int kills = full ? 10 : 3;
        int threads = full ? 8 : 6;
        Duration uptime = full ? Duration.ofSeconds(8) : Duration.ofSeconds(3);

        try (ReliabilityDatabase database = ReliabilityDatabase.start(work.resolve("postgres"));
             WebhookReceiver receiver = new WebhookReceiver();
             MailgunStub mailgun = new MailgunStub()) {
            HubNode hub = new HubNode("crash", HubNode.logsOf(getClass()), database,
                    Map.of("HUB_MAILGUN_US_BASE_URL", mailgun.url()));
            try {
                hub.start().awaitReady();
                EmailTenant tenant = new EmailTenant(hub.base(), receiver.url(), database);
                WebhookLoad load = new WebhookLoad();
                load.start(threads, n -> hub.base(), tenant::clicked, response -> { });

                List<Long> pids = new ArrayList<>();
                List<Long> restartMillis = new ArrayList<>();
                for (int kill = 0; kill < kills; kill++) {
                    // kill at a random moment of the node's run, so it dies in the middle of requests,
                    // inbox processing and deliveries alike
                    Thread.sleep(uptime.toMillis() / 2 + (long) (Math.random() * uptime.toMillis()));
                    pids.add(hub.pid());
                    hub.kill();
                    long killed = System.nanoTime();
                    hub.start().awaitReady();
                    restartMillis.add((System.nanoTime() - killed) / 1_000_000);
                }
                Thread.sleep(uptime.toMillis());
                load.stop();
                pids.add(hub.pid());

                long stopped = System.nanoTime();
                Ledger ledger = new Ledger(database);
                Set<String> acknowledged = load.acknowledged();
                Set<String> acknowledgedKeys = acknowledged.stream().map(EmailTenant::dedupKey).collect(Collectors.toSet());
                assertThat(acknowledged).as("the load reached the hub").hasSizeGreaterThan(50);

                // every stored event (acknowledged or not: a kill may fall between commit and answer) is processed
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(ledger.inbox(tenant.tenant, tenant.mailgun).values())
                                .allSatisfy(row -> assertThat(row.state()).isEqualTo("done")));
                Map<String, Ledger.InboxRow> inbox = ledger.inbox(tenant.tenant, tenant.mailgun);
                assertThat(inbox.keySet()).as("every acknowledged event is stored").containsAll(acknowledgedKeys);

                Map<String, Integer> recorded = ledger.emailEvents(tenant.tenant);
                assertThat(recorded.keySet()).as("each stored event had its effect").isEqualTo(inbox.keySet());
                assertThat(recorded.values()).as("... exactly once").containsOnly(1);

                // every outbound message published by those effects reaches the endpoint at least once
                await().atMost(ReliabilityReport.drainTimeout()).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(receiver.webhookIds()).containsAll(ledger.outboundMessages(tenant.tenant, "email.clicked")));
                Set<String> outbound = ledger.outboundMessages(tenant.tenant, "email.clicked");
                assertThat(outbound).as("one outbound message per processed event").hasSize(inbox.size());
                Set<String> deliveredEvents = receiver.inboundEvents();
                assertThat(deliveredEvents).as("the outbound message of every acknowledged event arrived")
                        .containsAll(acknowledged);
                long drainMillis = (System.nanoTime() - stopped) / 1_000_000;
                Set<String> storedNotAcknowledged = new HashSet<>(inbox.keySet());
                storedNotAcknowledged.removeAll(acknowledgedKeys);

                ReliabilityReport.write("CrashIT: SIGKILL under webhook load", List.of(
                        "| measure | count |", "|---|---|",
                        "| SIGKILLs (hub pids " + pids + ") | " + kills + " |",
                        "| kill → ready again, ms | " + restartMillis + " |",
                        "| load stopped → everything processed and delivered, ms | " + drainMillis + " |",
                        "| webhook requests sent (incl. ~10% provider-style resends) | " + load.requests() + " |",
                        "| answers by status (-1 = no answer: node down or killed mid-request) | " + load.statuses() + " |",
                        "| distinct events acknowledged (2xx) | " + acknowledged.size() + " |",
                        "| distinct events stored (`webhook_inbox`) | " + inbox.size() + " |",
                        "| … of which stored but never acknowledged (killed between commit and answer, or resent later) | "
                                + storedNotAcknowledged.size() + " |",
                        "| acknowledged events missing from the database | "
                                + acknowledgedKeys.stream().filter(k -> !inbox.containsKey(k)).count() + " |",
                        "| stored events processed (`done`) | "
                                + inbox.values().stream().filter(r -> "done".equals(r.state())).count() + " |",
                        "| effects recorded (`email_events`), duplicates | " + recorded.size() + ", "
                                + recorded.values().stream().filter(c -> c > 1).count() + " |",
                        "| outbound messages published (`email.clicked`) | " + outbound.size() + " |",
                        "| outbound messages delivered (distinct webhook-id) | " + receiver.webhookIds().size() + " |",
                        "| duplicates on the wire (same webhook-id again), most copies of one | " + receiver.duplicates()
                                + ", " + receiver.maxReceiptsOfOne() + " |"));
            } finally {
                hub.kill();
            }
        }
    }
}
