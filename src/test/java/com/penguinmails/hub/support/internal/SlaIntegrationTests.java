package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.support.SupportFixtures;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The SLA clock against the database: pauses move the due times, a warning at 80%, each breach once. */
class SlaIntegrationTests extends HubIntegrationTest {

    @Autowired
    TicketDesk desk;
    @Autowired
    Tickets tickets;
    @Autowired
    SlaEvents slaEvents;
    @Autowired
    SlaMonitor monitor;
    @Autowired
    TenantTransactions transactions;
    @Autowired
    Clock clock;

    private UUID tenant;
    private SignedInUser ada;

    @BeforeEach
    void aTenant() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Clockwork Ltd");
    }

    private Ticket open(String priority, Instant at) {
        return transactions.inTenant(tenant, () -> desk.open(new TicketDesk.NewTicket(tenant, ada.id(),
                "SLA " + UUID.randomUUID(), "Clock test", ada.email(), "Ada", priority, "general", "web", List.of(),
                Map.of("source", "test"), new Routing.Decision("ticket", "default_routing", "test")), at));
    }

    private Ticket status(Ticket t, String status, Instant at) {
        return transactions.inTenant(tenant, () -> desk.change(tenant, t.id(),
                new TicketDesk.Changes(status, null, null, null, false, null), at));
    }

    private List<SlaClock.Reached> evaluate(Ticket t, Instant at) {
        return transactions.inTenant(tenant, () -> desk.evaluateSla(tenant, t.id(), at));
    }

    private Ticket reload(Ticket t) {
        return transactions.inTenant(tenant, () -> tickets.find(tenant, t.id()).orElseThrow());
    }

    private List<String> alerts(Ticket t) {
        return SupportFixtures.emailsTo("support-team@penguinmails.com").stream().map(SupportFixtures.QueuedEmail::subject)
                .filter(s -> s.startsWith("[" + t.reference() + "] SLA")).toList();
    }

    @Test
    void theClockStopsWhilePendingThenWarnsAt80PercentAndBreachesOnce() {
        Instant t0 = Instant.parse("2031-03-02T09:00:00Z");
        Ticket t = open("normal", t0); // first response 4h, resolution 72h
        assertThat(t.firstResponseDueAt()).isEqualTo(t0.plus(Duration.ofHours(4)));
        assertThat(evaluate(t, t0.plus(Duration.ofHours(3)))).isEmpty();

        status(t, "pending", t0.plus(Duration.ofHours(1)));
        assertThat(evaluate(t, t0.plus(Duration.ofHours(5)))).as("paused: nothing falls due").isEmpty();
        Ticket resumed = status(t, "open", t0.plus(Duration.ofHours(3)));
        assertThat(resumed.firstResponseDueAt()).isEqualTo(t0.plus(Duration.ofHours(6)));
        assertThat(resumed.resolutionDueAt()).isEqualTo(t0.plus(Duration.ofHours(74)));
        assertThat(resumed.pausedSeconds()).isEqualTo(Duration.ofHours(2).toSeconds());

        // warning at 80% of 4h of running clock: 3h12m after opening plus the 2h pause
        assertThat(evaluate(t, t0.plus(Duration.ofMinutes(5 * 60 + 11)))).isEmpty();
        assertThat(evaluate(t, t0.plus(Duration.ofMinutes(5 * 60 + 12)))).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("first_response:warning"));
        assertThat(evaluate(t, t0.plus(Duration.ofMinutes(5 * 60 + 30)))).isEmpty();
        assertThat(evaluate(t, t0.plus(Duration.ofHours(6)))).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("first_response:breach"));
        assertThat(evaluate(t, t0.plus(Duration.ofHours(7)))).isEmpty();

        assertThat(alerts(t)).containsExactly("[" + t.reference() + "] SLA warning: first response",
                "[" + t.reference() + "] SLA breached: first response");
        Ticket now = reload(t);
        // next: the resolution warning, at 80% of 72h (57h36m) plus the pause
        Instant nextCheck = transactions.inTenant(tenant, () -> new SlaClock(0.8).nextCheck(now,
                SlaClock.Targets.of(new SupportProperties.Sla(null, null, 0.8, Duration.ofSeconds(30), Duration.ofSeconds(60),
                        100), "normal"), slaEvents.recorded(tenant, t.id())));
        assertThat(nextCheck).isEqualTo(t0.plus(Duration.ofMinutes(59 * 60 + 36)));
    }

    @Test
    void aBreachIsRecordedAndAnnouncedOnceWhateverTheNumberOfConcurrentChecks() throws Exception {
        Instant t0 = Instant.parse("2031-04-01T00:00:00Z");
        Ticket t = open("urgent", t0); // resolution 24h
        Instant late = t0.plus(Duration.ofHours(30));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<SlaClock.Reached>>> checks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checks.add(() -> evaluate(t, late));
            }
            int announced = 0;
            for (Future<List<SlaClock.Reached>> f : pool.invokeAll(checks)) {
                announced += f.get().size();
            }
            assertThat(announced).isEqualTo(2); // first response and resolution, each once
        } finally {
            pool.shutdown();
        }
        assertThat(transactions.inTenant(tenant, () -> slaEvents.of(tenant, t.id()))).extracting(e -> e.target() + ":" + e.kind())
                .containsExactlyInAnyOrder("first_response:breach", "resolution:breach");
        assertThat(alerts(t)).hasSize(2);
        assertThat(reload(t).firstResponseDueAt()).isEqualTo(t0.plus(Duration.ofHours(4)));
    }

    @Test
    void aLateFirstResponseIsABreachEvenBeforeTheJobNoticed() {
        Instant t0 = Instant.parse("2031-05-01T00:00:00Z");
        Ticket t = open("high", t0);
        transactions.inTenant(tenant, () -> desk.addMessage(tenant, t.id(), TicketDesk.Author.agent(UUID.randomUUID(),
                "agent@penguinmails.com", "Agent"), "Sorry for the wait", false, "web", null, null,
                t0.plus(Duration.ofHours(5))));
        assertThat(transactions.inTenant(tenant, () -> slaEvents.of(tenant, t.id()))).singleElement()
                .satisfies(e -> assertThat(e.target() + ":" + e.kind()).isEqualTo("first_response:breach"));
        assertThat(evaluate(t, t0.plus(Duration.ofHours(6)))).isEmpty();
        Ticket answered = reload(t);
        assertThat(answered.firstRespondedAt()).isEqualTo(t0.plus(Duration.ofHours(5)));
        assertThat(answered.status()).isEqualTo("open");
    }

    @Test
    void solvingStopsTheClockAndOnHoldPausesIt() {
        Instant t0 = Instant.parse("2031-06-01T00:00:00Z");
        Ticket t = open("normal", t0);
        status(t, "on_hold", t0.plus(Duration.ofMinutes(30)));
        assertThat(evaluate(t, t0.plus(Duration.ofHours(100)))).isEmpty();
        status(t, "solved", t0.plus(Duration.ofHours(100)));
        assertThat(evaluate(t, t0.plus(Duration.ofHours(200)))).isEmpty();
        assertThat(transactions.inTenant(tenant, () -> slaEvents.of(tenant, t.id()))).isEmpty();
    }

    @Test
    void theJobClaimsDueChecksAcrossTenants() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Ticket t = open("normal", now.minus(Duration.ofHours(5)));
        assertThat(monitor.runOnce(now)).isPositive();
        assertThat(transactions.inTenant(tenant, () -> slaEvents.of(tenant, t.id()))).extracting(e -> e.target() + ":" + e.kind())
                .containsExactly("first_response:breach");
        monitor.runOnce(now);
        assertThat(alerts(t)).hasSize(1);
    }
}
