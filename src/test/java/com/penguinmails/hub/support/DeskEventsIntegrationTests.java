package com.penguinmails.hub.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The team hears of every ticket: besides the customer tenant's own event, {@code support.ticket_created}
 * goes to the desk tenant's webhook endpoints — for email-only senders' tickets too.
 */
class DeskEventsIntegrationTests extends HubIntegrationTest {

    private SignedInUser admin;
    private UUID desk;
    private String base;

    @BeforeEach
    void aDeskTenantWithAnEndpoint() {
        admin = SupportFixtures.staffAdmin(hub(), "DeskAdmin");
        desk = hub().tenantOf(admin, "PenguinMails Support Desk");
        Response endpoint = hub().post("/api/v1/tenants/" + desk + "/webhook-endpoints", Map.of("url",
                "http://127.0.0.1:9/desk-hook", "eventTypes", List.of("support.ticket_created"), "description", "desk"),
                admin.token());
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        base = "http://localhost:" + port;
    }

    @AfterEach
    void noDeskTenant() {
        hub().put("/api/v1/support/desk/settings", Map.of("unsetDeskTenant", true), admin.token());
    }

    private void chooseDesk() {
        Response put = hub().put("/api/v1/support/desk/settings", Map.of("deskTenantId", desk.toString()), admin.token());
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
        assertThat(put.body().get("deskTenantId").asString()).isEqualTo(desk.toString());
    }

    /** The payloads of {@code support.ticket_created} events published to a tenant that mention {@code number}. */
    private List<JsonNode> ticketEvents(UUID tenant, String number) {
        List<JsonNode> events = new java.util.ArrayList<>();
        try (var c = TestDatabase.asOwner(); var ps = c.prepareStatement("""
                select payload from webhook_events where tenant_id = ? and event_type = 'support.ticket_created'
                  and payload like ?""")) {
            ps.setObject(1, tenant);
            ps.setString(2, "%\"" + number + "\"%");
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(json.readTree(rs.getString(1)).get("data"));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    @Test
    void anEmailOnlySendersTicketReachesTheDeskTenantsEndpoints() {
        chooseDesk();
        String from = com.penguinmails.hub.testkit.HubClient.uniqueEmail("stranger");
        var posted = SupportFixtures.raw(base, SupportFixtures.rfc822("Grace <" + from + ">", "Cannot log in",
                SupportFixtures.newMessageId(), null, "My password reset never arrives."));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String number = json.readTree(posted.body()).get("ticketNumber").asString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticketEvents(desk, number)).hasSize(1));
        JsonNode data = ticketEvents(desk, number).get(0);
        assertThat(data.get("number").asString()).isEqualTo(number);
        assertThat(data.get("customerEmail").asString()).isEqualTo(from);
        assertThat(data.get("customerName").asString()).isEqualTo("Grace");
        assertThat(data.hasNonNull("tenantId")).as("no tenant: an email-only sender").isFalse();
        assertThat(data.get("channel").asString()).isEqualTo("email");
        assertThat(SupportFixtures.count("""
                select count(*) from webhook_deliveries d join webhook_events e on e.tenant_id = d.tenant_id and e.id = d.event_id
                where e.tenant_id = ? and e.payload like ?""", desk, "%" + number + "%")).isEqualTo(1);
        assertThat(SupportFixtures.count("select count(*) from support_desk_events")).isZero();
        // the team's email notice is still sent
        assertThat(SupportFixtures.emailsTo("support-team@penguinmails.com"))
                .anySatisfy(e -> assertThat(e.subject()).startsWith("[" + number + "] New "));
    }

    @Test
    void aTenantsTicketIsPublishedToTheTenantAndToTheDesk() {
        chooseDesk();
        SignedInUser ada = hub().signedInUser("Ada");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        assertThat(hub().post("/api/v1/tenants/" + tenant + "/webhook-endpoints", Map.of("url",
                "http://127.0.0.1:9/ada-hook", "eventTypes", List.of("support.ticket_created")), ada.token()).status())
                .isEqualTo(201);
        Response opened = hub().post("/api/v1/tenants/" + tenant + "/support/requests", Map.of("subject",
                "Webhooks stopped", "description", "No deliveries since noon; HTTP 500.", "category", "technical",
                "complexity", "high"), ada.token());
        assertThat(opened.status()).isEqualTo(201);
        String number = opened.body().get("ticket").get("number").asString();

        assertThat(ticketEvents(tenant, number)).singleElement()
                .satisfies(d -> assertThat(d.get("tenantId").asString()).isEqualTo(tenant.toString()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticketEvents(desk, number)).hasSize(1));
        assertThat(ticketEvents(desk, number).get(0).get("tenantId").asString()).isEqualTo(tenant.toString());
        // the customer's tenant got its own event once, not the desk's copy as well
        assertThat(ticketEvents(tenant, number)).hasSize(1);
    }

    @Test
    void withoutADeskTenantNothingIsQueued() {
        String from = com.penguinmails.hub.testkit.HubClient.uniqueEmail("stranger");
        var posted = SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Question", SupportFixtures.newMessageId(),
                null, "How do I add a domain?"));
        String number = json.readTree(posted.body()).get("ticketNumber").asString();
        assertThat(SupportFixtures.count("select count(*) from support_desk_events e join support_tickets t"
                + " on t.tenant_id = e.tenant_id and t.id = e.ticket_id where t.customer_email = ?", from)).isZero();
        assertThat(ticketEvents(desk, number)).isEmpty();
    }

    @Test
    void onlyStaffAdminsChooseAnExistingDeskTenant() {
        SignedInUser agent = SupportFixtures.agent(hub(), "Agent");
        Response byAgent = hub().put("/api/v1/support/desk/settings", Map.of("deskTenantId", desk.toString()),
                agent.token());
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.code()).isEqualTo("staff_admin_only");
        Response unknown = hub().put("/api/v1/support/desk/settings", Map.of("deskTenantId", UUID.randomUUID().toString()),
                admin.token());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw().body()).contains("deskTenantId");
        assertThat(hub().put("/api/v1/support/desk/settings", Map.of(), admin.token()).status()).isEqualTo(400);
        assertThat(hub().put("/api/v1/support/desk/settings", Map.of("deskTenantId", desk.toString(),
                "unsetDeskTenant", true), admin.token()).status()).isEqualTo(400);
        Response settings = hub().get("/api/v1/support/desk/settings", agent.token());
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().hasNonNull("deskTenantId")).isFalse();
    }
}
