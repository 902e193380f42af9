package com.penguinmails.hub.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.FakePostHog;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The desk over HTTP: help links, the support button, routed requests, who sees what, agents' work, satisfaction. */
class SupportDeskIntegrationTests extends HubIntegrationTest {

    private SignedInUser ada;
    private UUID tenant;
    private SignedInUser agent;
    private String support;

    @BeforeEach
    void aCustomerAndAnAgent() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Analytical Engines");
        agent = SupportFixtures.agent(hub(), "Agent");
        support = "/api/v1/tenants/" + tenant + "/support";
    }

    private JsonNode openTicket(String subject, String description) {
        Response opened = hub().post(support + "/requests", Map.of("subject", subject, "description", description,
                "category", "technical", "complexity", "high", "page", "https://app.penguinmails.com/campaigns",
                "browser", "Firefox 130"), ada.token());
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        return opened.body().get("ticket");
    }

    @Test
    void helpLinksAreTheConfiguredOnes() {
        // the suite configures its own two links (HubIntegrationTest) instead of the guide's five defaults
        Response help = hub().get(support + "/help", ada.token());
        assertThat(help.status()).isEqualTo(200);
        assertThat(help.body().get("links")).hasSize(2);
        assertThat(help.body().get("links").get(0).get("name").asString()).isEqualTo("Knowledge Base");
        assertThat(help.body().get("links").get(0).get("url").asString()).isEqualTo("https://help.penguinmails.com/knowledge-base");
        JsonNode custom = help.body().get("links").get(1);
        assertThat(custom.get("name").asString()).isEqualTo("Status");
        assertThat(custom.get("url").asString()).isEqualTo("https://status.penguinmails.test/hub");
        assertThat(custom.get("category").asString()).isEqualTo("information");
        assertThat(custom.get("icon").asString()).isEqualTo("StatusIcon");
        assertThat(help.body().get("migrationMode").asString()).isEqualTo("parallel");
        assertThat(help.body().get("emailOffered").asBoolean()).isTrue();
        assertThat(help.body().get("ticketsOffered").asBoolean()).isTrue();
    }

    @Test
    void theSupportButtonBuildsTheGuidesEmailCorrectlyEncodedAndIsRecorded() {
        Response tenantPut = hub().put("/api/v1/tenants/" + tenant, Map.of("name", "Analytical Engines & Co",
                "settings", Map.of("plan", "Growth")), ada.token());
        assertThat(tenantPut.status()).as(tenantPut.raw().body()).isEqualTo(200);
        Response button = hub().post(support + "/button", Map.of("issueType", "Deliverability",
                "page", "https://app.penguinmails.com/campaigns?id=7&tab=stats", "browser", "Mozilla/5.0 (X11; Linux)",
                "source", "floating_button"), ada.token());
        assertThat(button.status()).as(button.raw().body()).isEqualTo(200);
        String mailto = button.body().get("mailto").asString();
        assertThat(mailto).startsWith("mailto:support@penguinmails.com?subject=");
        assertThat(mailto).doesNotContain(" ", "\n", "+");
        String query = mailto.substring(mailto.indexOf('?') + 1);
        String subjectPart = query.substring("subject=".length(), query.indexOf("&body="));
        String bodyPart = query.substring(query.indexOf("&body=") + "&body=".length());
        assertThat(subjectPart).doesNotContain("&");
        String subject = URLDecoder.decode(subjectPart, StandardCharsets.UTF_8);
        String body = URLDecoder.decode(bodyPart, StandardCharsets.UTF_8);
        assertThat(subject).isEqualTo("[Support] Analytical Engines & Co - Deliverability");
        assertThat(body).contains("- Company: Analytical Engines & Co", "- User: Ada (" + ada.email() + ")",
                "- Plan: Growth", "- Browser: Mozilla/5.0 (X11; Linux)",
                "- URL: https://app.penguinmails.com/campaigns?id=7&tab=stats", "- Version: ", "- Account Created: 20",
                "- Last Login: 20", "- Timestamp: 20", "Best regards,\nAda");
        assertThat(button.body().get("subject").asString()).isEqualTo(subject);

        await().untilAsserted(() -> assertThat(FakePostHog.batchesMentioning(ada.id().toString()))
                .anySatisfy(r -> assertThat(r.getBodyAsString()).contains("support_button_click", "floating_button")));
    }

    @Test
    void requestsFollowTheRoutingRulesAndRecordTheRuleAndReason() {
        Response simple = hub().post(support + "/requests", Map.of("subject", "Where is the glossary?",
                "description", "Just wondering.", "category", "general", "complexity", "low"), ada.token());
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.body().get("channel").asString()).isEqualTo("help_center_first");
        assertThat(simple.body().get("rule").asString()).isEqualTo("simple_inquiry");
        assertThat(simple.body().hasNonNull("ticket")).isFalse();
        String requestId = simple.body().get("requestId").asString();

        Response insist = hub().post(support + "/requests", Map.of("subject", "Where is the glossary?",
                "description", "The articles did not help.", "category", "general", "complexity", "low",
                "requestId", requestId), ada.token());
        assertThat(insist.status()).isEqualTo(201);
        assertThat(insist.body().get("ticket").get("routingRule").asString()).isEqualTo("help_center_not_enough");
        assertThat(SupportFixtures.count("select count(*) from support_requests where tenant_id = ?", tenant)).isEqualTo(1);

        hub().put("/api/v1/tenants/" + tenant, Map.of("name", "Analytical Engines", "settings", Map.of("plan", "enterprise")),
                ada.token());
        Response enterprise = hub().post(support + "/requests", Map.of("subject", "Where is the glossary?",
                "description", "Just wondering.", "category", "general", "complexity", "low"), ada.token());
        assertThat(enterprise.status()).isEqualTo(201);
        assertThat(enterprise.body().get("rule").asString()).isEqualTo("enterprise_customer");
        assertThat(enterprise.body().get("ticket").get("routingReason").asString()).isNotBlank();
    }

    @Test
    void aTicketIsConfirmedToTheCustomerAnnouncedToTheTeamAndPublishedToTheTenantsWebhooks() {
        Response endpoint = hub().post("/api/v1/tenants/" + tenant + "/webhook-endpoints", Map.of("url",
                "http://127.0.0.1:9/hook", "eventTypes", List.of("support.ticket_created"), "description", "desk"), ada.token());
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        JsonNode ticket = openTicket("Webhooks stopped", "No deliveries since noon; HTTP 500 in logs.");
        assertThat(ticket.get("metadata").get("source").asString()).isEqualTo("website_form");
        assertThat(ticket.get("metadata").get("user_id").asString()).isEqualTo(ada.id().toString());
        assertThat(ticket.get("metadata").get("tenant_id").asString()).isEqualTo(tenant.toString());
        assertThat(ticket.get("metadata").get("original_mailto_attempt").asBoolean()).isFalse();
        assertThat(ticket.get("routingRule").asString()).isEqualTo("complex_technical_issue");
        String number = ticket.get("number").asString();
        assertThat(SupportFixtures.emailsOfKind(ada.email(), "support_ticket_confirmation")).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo("[" + number + "] Webhooks stopped"));
        assertThat(SupportFixtures.emailsTo("support-team@penguinmails.com"))
                .anySatisfy(e -> assertThat(e.subject()).startsWith("[" + number + "] New "));
        assertThat(SupportFixtures.count("select count(*) from webhook_events where tenant_id = ? and event_type = ?",
                tenant, "support.ticket_created")).isEqualTo(1);
        Response catalogue = hub().get("/api/v1/webhook-event-types", ada.token());
        assertThat(catalogue.raw().body()).contains("support.ticket_created", "support.sla_breached");
    }

    @Test
    void customersSeeTheirTenantsTicketsWithoutInternalNotesAndNothingElse() {
        JsonNode ticket = openTicket("DNS records", "Which DKIM record do I need?");
        String id = ticket.get("id").asString();
        assertThat(hub().post("/api/v1/support/desk/tickets/" + id + "/messages",
                Map.of("body", "Customer seems to use Cloudflare", "visibility", "internal"), agent.token()).status())
                .isEqualTo(201);
        assertThat(hub().post("/api/v1/support/desk/tickets/" + id + "/messages",
                Map.of("body", "Add the TXT record shown in Settings."), agent.token()).status()).isEqualTo(201);

        Response own = hub().get(support + "/tickets/" + id, ada.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("messages")).hasSize(2);
        assertThat(own.raw().body()).doesNotContain("Cloudflare");
        assertThat(own.body().get("ticket").get("status").asString()).isEqualTo("open");

        Response staffView = hub().get("/api/v1/support/desk/tickets/" + id, agent.token());
        assertThat(staffView.body().get("messages")).hasSize(4); // with the system message of new -> open
        assertThat(staffView.raw().body()).contains("Cloudflare", "Status changed from new to open");
        assertThat(own.raw().body()).doesNotContain("Status changed", "\"system\"");

        SignedInUser mallory = hub().signedInUser("Mallory");
        UUID other = hub().tenantOf(mallory, "Mallory's Corp");
        assertThat(hub().get("/api/v1/tenants/" + other + "/support/tickets/" + id, mallory.token()).status()).isEqualTo(404);
        assertThat(hub().get("/api/v1/tenants/" + other + "/support/tickets", mallory.token()).body().get("tickets")).isEmpty();
        assertThat(hub().get(support + "/tickets/" + id, mallory.token()).status()).isEqualTo(404);
        assertThat(hub().get("/api/v1/support/desk/tickets", mallory.token()).status()).isEqualTo(403);
        assertThat(hub().post("/api/v1/support/desk/tickets/" + id + "/messages", Map.of("body", "hi"), ada.token())
                .status()).isEqualTo(403);

        Response reply = hub().post(support + "/tickets/" + id + "/replies", Map.of("body", "Thanks, done."), ada.token());
        assertThat(reply.status()).isEqualTo(201);

        var key = hub().apiKey(ada, tenant, "support:read");
        Response viaKey = hub().get(support + "/tickets", key.key());
        assertThat(viaKey.status()).isEqualTo(200);
        assertThat(viaKey.body().get("tickets")).hasSize(1);
        assertThat(hub().post(support + "/tickets/" + id + "/replies", Map.of("body", "x"), key.key()).status())
                .isEqualTo(403);
    }

    @Test
    void theQueueSpansTenantsAndFilters() {
        JsonNode mine = openTicket("Queue check " + UUID.randomUUID(), "Something broke: error 500 in the API.");
        Response queue = hub().get("/api/v1/support/desk/tickets?tenantId=" + tenant + "&status=new", agent.token());
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body().get("tickets")).singleElement()
                .satisfies(t -> assertThat(t.get("id").asString()).isEqualTo(mine.get("id").asString()));
        Response search = hub().get("/api/v1/support/desk/tickets?q=" + mine.get("subject").asString().substring(12),
                agent.token());
        assertThat(search.body().get("tickets")).hasSize(1);
        assertThat(hub().get("/api/v1/support/desk/tickets?status=nonsense", agent.token()).status()).isEqualTo(400);
    }

    @Test
    void theQueueAndTheTenantsTicketsArePagedByCursor() {
        for (int i = 0; i < 3; i++) {
            openTicket("Paging " + i + " " + UUID.randomUUID(), "Something broke: error 500 in the API.");
        }
        for (String list : List.of("/api/v1/support/desk/tickets?tenantId=" + tenant + "&limit=2",
                support + "/tickets?limit=2")) {
            String token = list.startsWith("/api/v1/support/desk") ? agent.token() : ada.token();
            Response first = hub().get(list, token);
            assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
            assertThat(first.body().get("tickets")).hasSize(2);
            Response second = hub().get(list + "&cursor=" + first.body().get("nextCursor").asString(), token);
            assertThat(second.body().get("tickets")).hasSize(1);
            assertThat(second.body().hasNonNull("nextCursor")).as("no page after the last").isFalse();
            List<String> ids = new java.util.ArrayList<>();
            first.body().get("tickets").forEach(t -> ids.add(t.get("id").asString()));
            second.body().get("tickets").forEach(t -> ids.add(t.get("id").asString()));
            assertThat(ids).doesNotHaveDuplicates();
            Response bad = hub().get(list + "&cursor=yesterday", token);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.code()).isEqualTo("invalid_cursor");
        }
    }

    @Test
    void agentsOpenTicketsOnACustomersBehalf() {
        Response opened = hub().post("/api/v1/support/desk/tickets", Map.of("subject", "Called about SPF",
                "description", "Customer phoned: SPF record too long.", "customerEmail", ada.email(),
                "customerName", "Ada", "tenantId", tenant.toString(), "userId", ada.id().toString(),
                "priority", "high", "tags", List.of("phone")), agent.token());
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        assertThat(opened.body().get("channel").asString()).isEqualTo("api");
        assertThat(opened.body().get("tags").get(0).asString()).isEqualTo("phone");
        assertThat(hub().get(support + "/tickets", ada.token()).body().get("tickets")).hasSize(1);
    }

    @Test
    void statusMovesFollowTheAllowedTransitions() {
        String id = openTicket("Transitions", "Testing moves.").get("id").asString();
        String path = "/api/v1/support/desk/tickets/" + id;
        assertThat(patch(path, Map.of("status", "solved")).status()).isEqualTo(200);
        Response illegal = patch(path, Map.of("status", "pending"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.code()).isEqualTo("invalid_status_transition");
        assertThat(patch(path, Map.of("status", "open")).status()).isEqualTo(200);
        assertThat(patch(path, Map.of("status", "closed")).status()).isEqualTo(200);
        assertThat(patch(path, Map.of("status", "open")).status()).isEqualTo(409);
        assertThat(hub().post(path + "/messages", Map.of("body", "late"), agent.token()).status()).isEqualTo(409);
        assertThat(patch(path, Map.of("assigneeId", ada.id().toString())).status()).isEqualTo(400);
    }

    private Response patch(String path, Object body) {
        return hub().send("PATCH", path, body, agent.token(), "application/json");
    }

    @Test
    void badInputIs400AndStoresNothing() {
        long before = SupportFixtures.count("select count(*) from support_tickets where tenant_id = ?", tenant);
        assertThat(hub().post(support + "/requests", Map.of("subject", "", "description", "x"), ada.token()).status())
                .isEqualTo(400);
        assertThat(hub().post(support + "/requests", Map.of("subject", "x", "description", "y", "priority", "whenever"),
                ada.token()).status()).isEqualTo(400);
        assertThat(hub().send("POST", support + "/requests", "{not json", ada.token(), "application/json").status())
                .isEqualTo(400);
        assertThat(hub().post("/api/v1/support/desk/tickets", Map.of("subject", "x", "description", "y",
                "customerEmail", "not-an-address"), agent.token()).status()).isEqualTo(400);
        assertThat(hub().post("/api/v1/support/desk/tickets", Map.of("subject", "x", "description", "y",
                "customerEmail", "ok@example.com", "tenantId", UUID.randomUUID().toString()), agent.token()).status())
                .isEqualTo(400);
        assertThat(hub().get("/api/v1/support/desk/reports?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                agent.token()).status()).isEqualTo(400);
        Response notADate = hub().get("/api/v1/support/desk/reports?from=2026-13-01&to=2026-12-31", agent.token());
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.raw().body()).contains("\"from\"");
        // plain dates are whole UTC days: to=2026-12-01 includes the first of December
        Response days = hub().get("/api/v1/support/desk/reports?from=2026-12-01&to=2026-12-01", agent.token());
        assertThat(days.status()).as(days.raw().body()).isEqualTo(200);
        assertThat(hub().post("/api/v1/support/desk/kb/articles", Map.of("title", "t", "slug", "Not A Slug",
                "body", "b", "category", "general"), agent.token()).status()).isEqualTo(400);
        assertThat(hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", "pigeons"), agent.token()).status())
                .isEqualTo(400);
        assertThat(SupportFixtures.count("select count(*) from support_tickets where tenant_id = ?", tenant)).isEqualTo(before);
        assertThat(SupportFixtures.count("select count(*) from support_requests where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void aSolvedTicketSendsASignedLinkTheCustomerRatesWithoutSigningIn() {
        String id = openTicket("Please rate me", "An issue to solve.").get("id").asString();
        assertThat(patch("/api/v1/support/desk/tickets/" + id, Map.of("status", "solved")).status()).isEqualTo(200);
        SupportFixtures.QueuedEmail solved = SupportFixtures.emailsOfKind(ada.email(), "support_ticket_solved").get(0);
        var link = java.util.regex.Pattern.compile("rate\\.html\\?token=([A-Za-z0-9_.-]+)").matcher(solved.text());
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        assertThat(hub().get("/api/v1/support/satisfaction?token=" + token, null).body().get("subject").asString())
                .isEqualTo("Please rate me");
        Response rated = hub().post("/api/v1/support/satisfaction", Map.of("token", token, "rating", 5,
                "comment", "Quick and kind"), null);
        assertThat(rated.status()).as(rated.raw().body()).isEqualTo(200);
        assertThat(hub().get("/api/v1/support/desk/tickets/" + id, agent.token()).body().get("satisfaction").asInt())
                .isEqualTo(5);

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(hub().post("/api/v1/support/satisfaction", Map.of("token", tampered, "rating", 1), null).status())
                .isEqualTo(400);
        assertThat(hub().post("/api/v1/support/satisfaction", Map.of("token", token, "rating", 6), null).status())
                .isEqualTo(400);
        assertThat(hub().get("/api/v1/support/desk/tickets/" + id, agent.token()).body().get("satisfaction").asInt())
                .isEqualTo(5);
    }

    @Test
    void theMigrationModeDecidesWhatTheButtonAndRequestsOffer() {
        try {
            assertThat(hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", "email_only"), ada.token())
                    .status()).isEqualTo(403);
            assertThat(hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", "email_only"), agent.token())
                    .status()).isEqualTo(200);
            Response button = hub().post(support + "/button", Map.of("issueType", "Billing"), ada.token());
            assertThat(button.body().get("primary").asString()).isEqualTo("email");
            assertThat(button.body().get("ticketForm").asBoolean()).isFalse();
            Response request = hub().post(support + "/requests", Map.of("subject", "Invoice", "description",
                    "Wrong VAT.", "category", "billing"), ada.token());
            assertThat(request.body().get("channel").asString()).isEqualTo("email");
            assertThat(request.body().get("rule").asString()).isEqualTo("migration_email_only");
            assertThat(request.body().get("mailto").asString()).startsWith("mailto:");
            var ignored = SupportFixtures.raw("http://localhost:" + port, SupportFixtures.rfc822(ada.email(), "Hello",
                    SupportFixtures.newMessageId(), null, "Email only"));
            assertThat(ignored.body()).contains("ignored");

            hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", "tickets_only"), agent.token());
            Response ticketsOnly = hub().post(support + "/button", Map.of("issueType", "Billing"), ada.token());
            assertThat(ticketsOnly.body().hasNonNull("mailto")).isFalse();
            assertThat(ticketsOnly.body().get("ticketForm").asBoolean()).isTrue();
        } finally {
            hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", "parallel"), agent.token());
        }
    }

    private static String value(JsonNode node) {
        return node == null || node.isNull() ? "-" : node.asString();
    }

    private static List<JsonNode> systemMessages(JsonNode thread) {
        List<JsonNode> system = new java.util.ArrayList<>();
        thread.get("messages").forEach(m -> {
            if ("system".equals(m.get("messageType").asString())) {
                system.add(m);
            }
        });
        return system;
    }

    @Test
    void statusAndAssigneeChangesLeaveInternalSystemMessagesCustomersNeverSee() {
        String id = openTicket("Audit trail", "Testing system messages.").get("id").asString();
        String path = "/api/v1/support/desk/tickets/" + id;
        SignedInUser second = SupportFixtures.agent(hub(), "SecondAgent");
        assertThat(patch(path, Map.of("status", "on_hold")).status()).isEqualTo(200);
        assertThat(patch(path, Map.of("assigneeId", agent.id().toString())).status()).isEqualTo(200);
        assertThat(patch(path, Map.of("assigneeId", second.id().toString(), "status", "open")).status()).isEqualTo(200);
        assertThat(patch(path, Map.of("priority", "high")).status()).isEqualTo(200); // neither status nor assignee
        assertThat(patch(path, Map.of("unassign", true)).status()).isEqualTo(200);
        assertThat(patch(path, Map.of("status", "solved")).status()).as("allowed moves only").isEqualTo(200);
        assertThat(patch(path, Map.of("status", "pending")).status()).isEqualTo(409); // refused: nothing recorded

        JsonNode thread = hub().get(path, agent.token()).body();
        List<JsonNode> system = systemMessages(thread);
        assertThat(system).extracting(m -> m.get("metadata").get("field").asString() + ":"
                        + value(m.get("metadata").get("old")) + ">" + value(m.get("metadata").get("new")))
                .containsExactly("status:new>on_hold", "assignee:->" + agent.id(),
                        "status:on_hold>open", "assignee:" + agent.id() + ">" + second.id(),
                        "assignee:" + second.id() + ">-", "status:open>solved");
        assertThat(system).allSatisfy(m -> {
            assertThat(m.get("visibility").asString()).isEqualTo("internal");
            assertThat(m.get("authorType").asString()).isEqualTo("system");
            assertThat(m.get("metadata").get("changed_by").asString()).isEqualTo("agent");
            assertThat(m.get("metadata").get("changed_by_user_id").asString()).isEqualTo(agent.id().toString());
        });
        assertThat(system.get(0).get("body").asString()).isEqualTo("Status changed from new to on_hold");

        // a customer's reply that reopens the solved ticket is recorded too, as the customer's doing
        assertThat(hub().post(support + "/tickets/" + id + "/replies", Map.of("body", "Not fixed."), ada.token())
                .status()).isEqualTo(201);
        JsonNode reopened = systemMessages(hub().get(path, agent.token()).body()).get(6);
        assertThat(reopened.get("metadata").get("new").asString()).isEqualTo("open");
        assertThat(reopened.get("metadata").get("changed_by").asString()).isEqualTo("customer");

        Response own = hub().get(support + "/tickets/" + id, ada.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("messages")).hasSize(2);
        assertThat(own.body().get("messages")).allSatisfy(m ->
                assertThat(m.get("messageType").asString()).isEqualTo("comment"));
        assertThat(own.raw().body()).doesNotContain("Status changed", "Assigned", "Unassigned", second.id().toString());
    }

    @Test
    void aTicketAssignedToAStaffMemberShowsTheAssigneeInTheTicketAndTheQueue() {
        String id = openTicket("Assign me " + UUID.randomUUID(), "Who takes this one?").get("id").asString();
        SignedInUser owner = SupportFixtures.agent(hub(), "OwnerAgent");
        Response assigned = patch("/api/v1/support/desk/tickets/" + id, Map.of("assigneeId", owner.id().toString()));
        assertThat(assigned.status()).as(assigned.raw().body()).isEqualTo(200);
        assertThat(assigned.body().get("assigneeId").asString()).isEqualTo(owner.id().toString());

        Response view = hub().get("/api/v1/support/desk/tickets/" + id, owner.token());
        assertThat(view.body().get("ticket").get("assigneeId").asString()).isEqualTo(owner.id().toString());
        Response mine = hub().get("/api/v1/support/desk/tickets?assigneeId=" + owner.id(), owner.token());
        assertThat(mine.body().get("tickets")).singleElement()
                .satisfies(t -> assertThat(t.get("id").asString()).isEqualTo(id));
        assertThat(hub().get("/api/v1/support/desk/tickets?assigneeId=" + agent.id() + "&tenantId=" + tenant,
                agent.token()).body().get("tickets")).isEmpty();
        assertThat(hub().get(support + "/tickets/" + id, ada.token()).body().get("ticket").get("assigneeId").asString())
                .isEqualTo(owner.id().toString());
    }
}
