package com.penguinmails.hub.support;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Support requests against the migration mode and the routing rules, and "the articles did not help":
 * a {@code requestId} only turns the asker's own open help-center answer into a ticket.
 */
class AskingForHelpIntegrationTests extends HubIntegrationTest {

    private SignedInUser ada;
    private UUID tenant;
    private SignedInUser agent;
    private String requests;

    @BeforeEach
    void aCustomerAndAnAgent() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Analytical Engines");
        agent = SupportFixtures.agent(hub(), "Agent");
        requests = "/api/v1/tenants/" + tenant + "/support/requests";
    }

    @AfterEach
    void backToParallel() {
        mode("parallel");
    }

    private void mode(String mode) {
        Response put = hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", mode), agent.token());
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
    }

    private Response ask(SignedInUser who, String path, Map<String, Object> body) {
        return hub().post(path, body, who.token());
    }

    private String helpCenterAnswer() {
        Response simple = ask(ada, requests, Map.of("subject", "Where is the glossary?", "description", "Just wondering.",
                "category", "general", "complexity", "low"));
        assertThat(simple.status()).as(simple.raw().body()).isEqualTo(200);
        assertThat(simple.body().get("channel").asString()).isEqualTo("help_center_first");
        return simple.body().get("requestId").asString();
    }

    private Response insist(SignedInUser who, String path, String requestId) {
        return ask(who, path, Map.of("subject", "Where is the glossary?", "description", "The articles did not help.",
                "category", "general", "complexity", "low", "requestId", requestId));
    }

    private long tickets() {
        return SupportFixtures.count("select count(*) from support_tickets where tenant_id = ?", tenant);
    }

    private long requestRows() {
        return SupportFixtures.count("select count(*) from support_requests where tenant_id = ?", tenant);
    }

    @Test
    void theAskersOwnHelpCenterAnswerBecomesATicketOnce() {
        String requestId = helpCenterAnswer();
        Response ticket = insist(ada, requests, requestId);
        assertThat(ticket.status()).as(ticket.raw().body()).isEqualTo(201);
        assertThat(ticket.body().get("requestId").asString()).isEqualTo(requestId);
        assertThat(ticket.body().get("ticket").get("routingRule").asString()).isEqualTo("help_center_not_enough");
        assertThat(ticket.body().get("ticket").get("metadata").get("help_center_request_id").asString())
                .isEqualTo(requestId);
        assertThat(SupportFixtures.count("select count(*) from support_requests where id = ?::uuid and ticket_id = ?::uuid",
                requestId, ticket.body().get("ticket").get("id").asString())).isEqualTo(1);

        Response again = insist(ada, requests, requestId);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("support_request_already_ticketed");
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(tickets()).isEqualTo(1);
        assertThat(requestRows()).isEqualTo(1);
    }

    @Test
    void anUnknownIdOrOneOfAnotherUserOrTenantIsRefusedAndChangesNothing() {
        String requestId = helpCenterAnswer();

        Response unknown = insist(ada, requests, UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("support_request_not_found");

        // a colleague in the same tenant cannot turn Ada's request into a ticket
        SignedInUser grace = hub().signedInUser("Grace");
        hub().addMember(ada, tenant, grace, "member");
        Response colleague = insist(grace, requests, requestId);
        assertThat(colleague.status()).isEqualTo(404);
        assertThat(colleague.code()).isEqualTo("support_request_not_found");

        // nor can anyone from another tenant, in theirs
        SignedInUser mallory = hub().signedInUser("Mallory");
        UUID other = hub().tenantOf(mallory, "Mallory's Corp");
        Response foreign = insist(mallory, "/api/v1/tenants/" + other + "/support/requests", requestId);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("support_request_not_found");

        assertThat(tickets()).isZero();
        assertThat(SupportFixtures.count("select count(*) from support_tickets where tenant_id = ?", other)).isZero();
        assertThat(SupportFixtures.count("select count(*) from support_requests where tenant_id = ?", other)).isZero();
        assertThat(SupportFixtures.count("select count(*) from support_requests where id = ?::uuid and ticket_id is null",
                requestId)).isEqualTo(1);
        // still Ada's to use
        assertThat(insist(ada, requests, requestId).status()).isEqualTo(201);
    }

    @Test
    void aRequestThatWasNotSentToTheHelpCenterIsRefused() {
        Response ticketed = ask(ada, requests, Map.of("subject", "Webhooks fail", "description",
                "Every delivery gets HTTP 500.", "category", "technical", "complexity", "high"));
        assertThat(ticketed.status()).isEqualTo(201);
        Response ticketAgain = insist(ada, requests, ticketed.body().get("requestId").asString());
        assertThat(ticketAgain.status()).isEqualTo(409);
        assertThat(ticketAgain.code()).isEqualTo("support_request_not_help_center_first");

        Response press = ask(ada, requests, Map.of("subject", "Interview", "description", "A journalist asks.",
                "category", "press"));
        assertThat(press.body().get("channel").asString()).isEqualTo("email");
        Response emailAgain = insist(ada, requests, press.body().get("requestId").asString());
        assertThat(emailAgain.status()).isEqualTo(409);
        assertThat(emailAgain.code()).isEqualTo("support_request_not_help_center_first");
        assertThat(tickets()).isEqualTo(1);
        assertThat(requestRows()).isEqualTo(2);
    }

    @Test
    void inEmailOnlyARequestIdOpensNoTicketAndAnswersTheMailto() {
        String requestId = helpCenterAnswer();
        mode("email_only");
        Response refused = insist(ada, requests, requestId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("tickets_not_offered");
        assertThat(refused.body().get("mailto").asString()).startsWith("mailto:support@penguinmails.com?subject=");
        assertThat(tickets()).isZero();
        assertThat(requestRows()).isEqualTo(1);
        assertThat(SupportFixtures.count("select count(*) from support_requests where id = ?::uuid and ticket_id is null",
                requestId)).isEqualTo(1);
    }

    @Test
    void ticketsFirstGivesATicketAndTheEmailFallback() {
        mode("tickets_first");
        Response routed = ask(ada, requests, Map.of("subject", "Invoice", "description", "Wrong VAT on the invoice.",
                "category", "billing"));
        assertThat(routed.status()).as(routed.raw().body()).isEqualTo(201);
        assertThat(routed.body().get("channel").asString()).isEqualTo("ticket");
        assertThat(routed.body().get("ticket").get("number").asString()).matches("TKT-\\d{6,}");
        assertThat(routed.body().get("mailto").asString()).startsWith("mailto:support@penguinmails.com?subject=");

        // a rule that says email becomes a ticket, still with the fallback
        Response press = ask(ada, requests, Map.of("subject", "Interview", "description", "A journalist asks.",
                "category", "press"));
        assertThat(press.status()).isEqualTo(201);
        assertThat(press.body().get("rule").asString()).isEqualTo("press_by_email");
        assertThat(press.body().get("reason").asString()).contains("migration mode tickets_first");
        assertThat(press.body().get("mailto").asString()).startsWith("mailto:");
        assertThat(tickets()).isEqualTo(2);

        mode("tickets_only");
        Response only = ask(ada, requests, Map.of("subject", "Invoice", "description", "Wrong VAT.", "category", "billing"));
        assertThat(only.status()).isEqualTo(201);
        assertThat(only.body().hasNonNull("mailto")).isFalse();
    }

    @Test
    void parallelSendsARequestTheRulesRouteToEmailToEmailWithoutATicket() {
        Response press = ask(ada, requests, Map.of("subject", "Interview request", "description",
                "A journalist would like to talk.", "category", "press", "page", "https://app.penguinmails.com/"));
        assertThat(press.status()).as(press.raw().body()).isEqualTo(200);
        assertThat(press.body().get("channel").asString()).isEqualTo("email");
        assertThat(press.body().get("rule").asString()).isEqualTo("press_by_email");
        assertThat(press.body().get("reason").asString()).isEqualTo("Press questions go to the press team by email");
        assertThat(press.body().hasNonNull("ticket")).isFalse();
        assertThat(press.body().get("mailto").asString()).startsWith("mailto:support@penguinmails.com?subject=")
                .contains("press");
        assertThat(tickets()).isZero();
        assertThat(SupportFixtures.count("select count(*) from support_requests where tenant_id = ? and channel = 'email'"
                + " and rule = 'press_by_email' and ticket_id is null", tenant)).isEqualTo(1);
    }
}
