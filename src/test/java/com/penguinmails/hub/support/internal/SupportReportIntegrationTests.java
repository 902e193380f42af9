package com.penguinmails.hub.support.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.support.SupportFixtures;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's figures against a known fixture of tickets and requests in one tenant and one week of 2024. */
class SupportReportIntegrationTests extends HubIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");

    @Autowired
    TicketDesk desk;
    @Autowired
    SupportRequests requests;
    @Autowired
    Satisfactions satisfactions;
    @Autowired
    TenantTransactions transactions;

    private UUID tenant;
    private final TicketDesk.Author agent = TicketDesk.Author.agent(UUID.randomUUID(), "agent@penguinmails.com", "Agent");

    private Ticket open(String channel, String category, Instant at) {
        return transactions.inTenant(tenant, () -> {
            Ticket t = desk.open(new TicketDesk.NewTicket(tenant, null, "Report " + UUID.randomUUID(), "Fixture",
                    "customer@example.com", "Customer", "normal", category, channel, List.of(), Map.of(),
                    new Routing.Decision("ticket", "default_routing", "fixture")), at);
            requests.record(new SupportRequests.Recorded(tenant, null, null, channel, category, "medium", null,
                    new Routing.Decision("ticket", "default_routing", "fixture"), t.id()), at);
            return t;
        });
    }

    private void reply(Ticket t, Integer seconds, boolean internal, Instant at) {
        transactions.inTenant(tenant, () -> desk.addMessage(tenant, t.id(), agent, "Answer", internal, "web", seconds,
                null, at));
    }

    private void status(Ticket t, String status, Instant at) {
        transactions.inTenant(tenant, () -> desk.change(tenant, t.id(),
                new TicketDesk.Changes(status, null, null, null, false, null), at));
    }

    @Test
    void theReportMatchesAKnownFixture() {
        SignedInUser owner = hub().signedInUser("Owner");
        tenant = hub().tenantOf(owner, "Reported Ltd");
        SignedInUser staff = SupportFixtures.agent(hub(), "Agent");

        // 1: web/technical, answered in 1h (30 min of agent time), solved after 10h, rated 5: within SLA
        Ticket t1 = open("web", "technical", MONDAY);
        reply(t1, 1800, false, MONDAY.plus(Duration.ofHours(1)));
        status(t1, "solved", MONDAY.plus(Duration.ofHours(10)));
        transactions.inTenant(tenant, () -> satisfactions.rate(tenant, t1.id(), 5, "great", MONDAY.plus(Duration.ofHours(11))));
        // 2: email/billing, answered after 6h (late: 4h target; default 10 min), solved after 20h, rated 3: breached
        Instant d2 = MONDAY.plus(Duration.ofDays(1));
        Ticket t2 = open("email", "billing", d2);
        reply(t2, null, false, d2.plus(Duration.ofHours(6)));
        status(t2, "solved", d2.plus(Duration.ofHours(20)));
        transactions.inTenant(tenant, () -> satisfactions.rate(tenant, t2.id(), 3, null, d2.plus(Duration.ofDays(1))));
        // 3: email/technical, only an internal note (20 min), never answered: overdue, breached
        Instant d3 = MONDAY.plus(Duration.ofDays(2));
        Ticket t3 = open("email", "technical", d3);
        reply(t3, 1200, true, d3.plus(Duration.ofHours(1)));
        // 4: web/general, answered in 2h (default 10 min) and pending since: the clock is stopped, within SLA
        Instant d4 = MONDAY.plus(Duration.ofDays(3));
        Ticket t4 = open("web", "general", d4);
        reply(t4, null, false, d4.plus(Duration.ofHours(2)));
        status(t4, "pending", d4.plus(Duration.ofHours(2)));
        // two requests the help center answered (no ticket): deflections
        transactions.inTenant(tenant, () -> {
            for (int i = 0; i < 2; i++) {
                requests.record(new SupportRequests.Recorded(tenant, null, null, "website_form", "general", "low", null,
                        new Routing.Decision("help_center_first", "simple_inquiry", "fixture"), null),
                        MONDAY.plus(Duration.ofDays(4)));
            }
        });
        // outside the range: not counted
        open("web", "technical", MONDAY.plus(Duration.ofDays(8)));

        Response report = hub().get("/api/v1/support/desk/reports?from=2024-01-01T00:00:00Z&to=2024-01-08T00:00:00Z"
                + "&tenantId=" + tenant, staff.token());
        assertThat(report.status()).as(report.raw().body()).isEqualTo(200);
        JsonNode r = report.body();
        assertThat(r.get("totalRequests").asLong()).isEqualTo(6);
        assertThat(r.get("tickets").asLong()).isEqualTo(4);
        assertThat(r.get("averageFirstResponseSeconds").asDouble()).isEqualTo((3600 + 21600 + 7200) / 3.0);
        assertThat(r.get("averageResolutionSeconds").asDouble()).isEqualTo((36000 + 72000) / 2.0);
        assertThat(r.get("customerSatisfaction").get("ratings").asLong()).isEqualTo(2);
        assertThat(r.get("customerSatisfaction").get("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(r.get("customerSatisfaction").get("satisfiedShare").asDouble()).isEqualTo(0.5);
        assertThat(r.get("slaComplianceRate").asDouble()).isEqualTo(0.5);
        assertThat(r.get("channelBreakdown").get("web").asLong()).isEqualTo(2);
        assertThat(r.get("channelBreakdown").get("email").asLong()).isEqualTo(2);
        assertThat(r.get("categoryBreakdown").get("technical").asLong()).isEqualTo(2);
        assertThat(r.get("categoryBreakdown").get("billing").asLong()).isEqualTo(1);
        assertThat(r.get("categoryBreakdown").get("general").asLong()).isEqualTo(1);
        assertThat(r.get("kbDeflectionRate").asDouble()).isEqualTo(0.3333);
        // agent time 1800 + 600 + 1200 + 600 = 4200 s; 4200 / 3600 h × 3000 minor units / 4 tickets = 875
        assertThat(r.get("supportCost").get("agentSeconds").asLong()).isEqualTo(4200);
        assertThat(r.get("supportCost").get("perTicketMinor").asLong()).isEqualTo(875);
        assertThat(r.get("supportCost").get("currency").asString()).isEqualTo("USD");

        assertThat(hub().get("/api/v1/support/desk/reports?from=2024-01-01T00:00:00Z&to=2024-01-08T00:00:00Z",
                owner.token()).status()).isEqualTo(403);
    }
}
