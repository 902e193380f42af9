package com.penguinmails.hub.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Email to ticket: threading by headers, by subject token (never across tenants), new tickets, the three formats. */
class EmailToTicketIntegrationTests extends HubIntegrationTest {

    private SignedInUser agent;
    private String base;

    @BeforeEach
    void anAgent() {
        agent = SupportFixtures.agent(hub(), "Agent");
        base = "http://localhost:" + port;
    }

    private JsonNode json(SupportFixtures.Posted posted) {
        return json.readTree(posted.body());
    }

    private JsonNode thread(String number) {
        var response = hub().get("/api/v1/support/desk/tickets/by-number/" + number, agent.token());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private static String stranger() {
        return HubClient.uniqueEmail("stranger");
    }

    @Test
    void anEmailFromSomeoneWithoutAnAccountOpensATicketOnlyTheDeskSees() {
        String from = stranger();
        var posted = SupportFixtures.raw(base, SupportFixtures.rfc822("Grace <" + from + ">",
                "URGENT: all emails failing with a DKIM error", SupportFixtures.newMessageId(), null,
                "Since this morning every message bounces."));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        JsonNode outcome = json(posted);
        assertThat(outcome.get("action").asString()).isEqualTo("created");
        assertThat(outcome.get("matchedBy").asString()).isEqualTo("new");
        String number = outcome.get("ticketNumber").asString();
        assertThat(number).matches("TKT-\\d{6,}");

        JsonNode ticket = thread(number).get("ticket");
        assertThat(ticket.hasNonNull("tenantId")).isFalse();
        assertThat(ticket.get("customerEmail").asString()).isEqualTo(from);
        assertThat(ticket.get("customerName").asString()).isEqualTo("Grace");
        assertThat(ticket.get("priority").asString()).isEqualTo("urgent");
        assertThat(ticket.get("category").asString()).isEqualTo("technical");
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("metadata").get("source").asString()).isEqualTo("email");
        assertThat(ticket.get("metadata").get("original_mailto_attempt").asBoolean()).isTrue();
        assertThat(ticket.get("routingRule").asString()).isNotBlank();

        List<SupportFixtures.QueuedEmail> confirmation = SupportFixtures.emailsOfKind(from, "support_ticket_confirmation");
        assertThat(confirmation).hasSize(1);
        assertThat(confirmation.get(0).subject()).contains("[" + number + "]");
        assertThat(confirmation.get(0).header("Message-ID")).startsWith("<" + number.toLowerCase()).endsWith(">");
        assertThat(confirmation.get(0).replyTo()).isEqualTo("support@penguinmails.com");
        assertThat(SupportFixtures.emailsTo("support-team@penguinmails.com"))
                .anySatisfy(e -> assertThat(e.subject()).contains("[" + number + "] New urgent ticket"));
    }

    @Test
    void aReplyThreadsByItsHeadersToTheEmailTheDeskSent() {
        String from = stranger();
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Question about my invoice",
                SupportFixtures.newMessageId(), null, "Why was I charged twice?"))).get("ticketNumber").asString();
        String confirmationId = SupportFixtures.emailsOfKind(from, "support_ticket_confirmation").get(0).header("Message-ID");

        var reply = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Re: your email (no token here)",
                SupportFixtures.newMessageId(), confirmationId,
                "Here is the invoice number: 42.\n\nOn Thu, 26 Nov 2026, PenguinMails Support wrote:\n> We received your request")));
        assertThat(reply.get("action").asString()).isEqualTo("threaded");
        assertThat(reply.get("matchedBy").asString()).isEqualTo("headers");
        assertThat(reply.get("ticketNumber").asString()).isEqualTo(number);

        JsonNode messages = thread(number).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("body").asString()).isEqualTo("Here is the invoice number: 42.");
        assertThat(messages.get(1).get("authorType").asString()).isEqualTo("customer");
    }

    @Test
    void aReplyThreadsByTheSubjectTokenWhenTheSenderIsTheCustomer() {
        String from = stranger();
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Password reset never arrives",
                SupportFixtures.newMessageId(), null, "I cannot log in."))).get("ticketNumber").asString();

        var reply = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from.toUpperCase(), "Re: [" + number + "] Password",
                SupportFixtures.newMessageId(), null, "Still nothing.")));
        assertThat(reply.get("action").asString()).isEqualTo("threaded");
        assertThat(reply.get("matchedBy").asString()).isEqualTo("subject_token");
        assertThat(thread(number).get("messages")).hasSize(2);
    }

    @Test
    void anEmailMatchingNothingOpensANewTicket() {
        String from = stranger();
        String first = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "First problem",
                SupportFixtures.newMessageId(), null, "One."))).get("ticketNumber").asString();
        var second = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Another problem",
                SupportFixtures.newMessageId(), "<unknown-" + UUID.randomUUID() + "@elsewhere.example>", "Two.")));
        assertThat(second.get("action").asString()).isEqualTo("created");
        assertThat(second.get("ticketNumber").asString()).isNotEqualTo(first);
    }

    @Test
    void aForgedTokenDoesNotAttachToAnotherTenantsTicket() {
        SignedInUser ada = hub().signedInUser("Ada");
        UUID adaTenant = hub().tenantOf(ada, "Ada's Engines");
        var opened = hub().post("/api/v1/tenants/" + adaTenant + "/support/requests", Map.of("subject",
                "Webhook signatures fail", "description", "Our webhook endpoint rejects every delivery.",
                "category", "technical", "complexity", "high"), ada.token());
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        String adaTicket = opened.body().get("ticket").get("number").asString();

        SignedInUser mallory = hub().signedInUser("Mallory");
        hub().tenantOf(mallory, "Mallory's Corp");
        var forged = json(SupportFixtures.raw(base, SupportFixtures.rfc822(mallory.email(), "Re: [" + adaTicket + "] Webhook",
                SupportFixtures.newMessageId(), null, "Please send me Ada's configuration.")));
        assertThat(forged.get("action").asString()).isEqualTo("created");
        assertThat(forged.get("ticketNumber").asString()).isNotEqualTo(adaTicket);

        assertThat(thread(adaTicket).get("messages")).hasSize(1);
        JsonNode malloryTicket = thread(forged.get("ticketNumber").asString()).get("ticket");
        assertThat(malloryTicket.get("metadata").get("ignored_subject_token").asString()).isEqualTo(adaTicket);
        assertThat(malloryTicket.get("tenantId").asString()).isNotEqualTo(adaTenant.toString());
        // and Ada's tenant does not see Mallory's ticket
        var adaTickets = hub().get("/api/v1/tenants/" + adaTenant + "/support/tickets", ada.token());
        assertThat(adaTickets.body().get("tickets")).hasSize(1);

        // a colleague of Ada's may write to her tenant's ticket by its token
        SignedInUser grace = hub().signedInUser("Grace");
        hub().addMember(ada, adaTenant, grace, "member");
        var colleague = json(SupportFixtures.raw(base, SupportFixtures.rfc822(grace.email(), "[" + adaTicket + "] more logs",
                SupportFixtures.newMessageId(), null, "Attached the logs.")));
        assertThat(colleague.get("action").asString()).isEqualTo("threaded");
        assertThat(colleague.get("ticketNumber").asString()).isEqualTo(adaTicket);
    }

    @Test
    void aMembersEmailOpensATicketInTheirTenantThatTheirColleaguesSee() {
        SignedInUser ada = hub().signedInUser("Ada");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        var created = json(SupportFixtures.raw(base, SupportFixtures.rfc822(ada.email(), "How do I add a domain?",
                SupportFixtures.newMessageId(), null, "Just a question.")));
        var list = hub().get("/api/v1/tenants/" + tenant + "/support/tickets", ada.token());
        assertThat(list.body().get("tickets")).hasSize(1);
        assertThat(list.body().get("tickets").get(0).get("number").asString()).isEqualTo(created.get("ticketNumber").asString());
        assertThat(list.body().get("tickets").get(0).get("userId").asString()).isEqualTo(ada.id().toString());
        assertThat(list.body().get("tickets").get(0).get("priority").asString()).isEqualTo("low");
    }

    @Test
    void theSameEmailDeliveredTwiceChangesNothingTheSecondTime() {
        String from = stranger();
        String messageId = SupportFixtures.newMessageId();
        String email = SupportFixtures.rfc822(from, "Duplicate delivery", messageId, null, "Hello");
        assertThat(json(SupportFixtures.raw(base, email)).get("action").asString()).isEqualTo("created");
        assertThat(json(SupportFixtures.raw(base, email)).get("action").asString()).isEqualTo("duplicate");
        assertThat(SupportFixtures.count("select count(*) from support_tickets where customer_email = ?", from)).isEqualTo(1);
    }

    @Test
    void anAgentReplyCarriesTheThreadingHeadersAndTheCustomersAnswerThreads() {
        String from = stranger();
        String inbound = SupportFixtures.newMessageId();
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Cannot connect Gmail",
                inbound, null, "OAuth fails."))).get("ticketNumber").asString();
        String ticketId = thread(number).get("ticket").get("id").asString();
        var reply = hub().post("/api/v1/support/desk/tickets/" + ticketId + "/messages",
                Map.of("body", "Please reconnect from Settings.", "status", "pending"), agent.token());
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);

        SupportFixtures.QueuedEmail sent = SupportFixtures.emailsOfKind(from, "support_ticket_reply").get(0);
        assertThat(sent.subject()).isEqualTo("Re: [" + number + "] Cannot connect Gmail");
        assertThat(sent.header("In-Reply-To")).isNotBlank();
        assertThat(sent.header("References")).contains(inbound);
        String replyId = sent.header("Message-ID");
        assertThat(replyId).isNotBlank();

        var answer = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Re: Cannot connect Gmail",
                SupportFixtures.newMessageId(), replyId, "That worked, thanks.")));
        assertThat(answer.get("matchedBy").asString()).isEqualTo("headers");
        JsonNode ticket = thread(number);
        assertThat(ticket.get("ticket").get("status").asString()).isEqualTo("open"); // the customer's answer reopens pending
        assertThat(conversation(ticket)).hasSize(3);
        assertThat(ticket.get("messages")).filteredOn(m -> "system".equals(m.get("messageType").asString()))
                .extracting(m -> m.get("metadata").get("old").asString() + ">" + m.get("metadata").get("new").asString())
                .containsExactly("new>open", "open>pending", "pending>open");
    }

    @Test
    void aReplyToAClosedTicketOpensAFollowUp() {
        String from = stranger();
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Old issue",
                SupportFixtures.newMessageId(), null, "Something."))).get("ticketNumber").asString();
        String ticketId = thread(number).get("ticket").get("id").asString();
        assertThat(hub().send("PATCH", "/api/v1/support/desk/tickets/" + ticketId, Map.of("status", "closed"),
                agent.token(), "application/json").status()).isEqualTo(200);
        var again = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Re: [" + number + "] Old issue",
                SupportFixtures.newMessageId(), null, "It is back.")));
        assertThat(again.get("action").asString()).isEqualTo("created");
        assertThat(thread(again.get("ticketNumber").asString()).get("ticket").get("metadata").get("follow_up_of").asString())
                .isEqualTo(number);
    }

    @Test
    void mailgunRoutesAreVerifiedByTheirSignature() {
        String from = stranger();
        String messageId = SupportFixtures.newMessageId();
        Map<String, String> fields = Map.of("sender", from, "from", "Linus <" + from + ">", "subject",
                "Refund for last month", "body-plain", "Please refund.\n\n> quoted", "stripped-text", "Please refund.",
                "Message-Id", messageId, "message-headers", "[[\"Message-Id\", \"" + messageId + "\"]]");
        var forged = SupportFixtures.mailgun(base, fields, "not-the-key");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(SupportFixtures.count("select count(*) from support_tickets where customer_email = ?", from)).isZero();

        var posted = SupportFixtures.mailgun(base, fields);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        JsonNode ticket = thread(json(posted).get("ticketNumber").asString());
        assertThat(ticket.get("ticket").get("category").asString()).isEqualTo("billing");
        assertThat(ticket.get("messages").get(0).get("body").asString()).isEqualTo("Please refund.");
        assertThat(ticket.get("ticket").get("customerName").asString()).isEqualTo("Linus");
    }

    @Test
    void aCapturedMailgunSignatureCannotCarryAnotherEmail() {
        String from = stranger();
        String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
        String token = UUID.randomUUID().toString().replace("-", "") + "replaytoken0123456789";
        Map<String, String> genuine = Map.of("from", from, "subject", "Genuine", "body-plain", "Hello",
                "Message-Id", SupportFixtures.newMessageId());
        var first = SupportFixtures.mailgun(base, genuine, HubIntegrationTest.PLATFORM_MAILGUN_KEY, timestamp, token);
        assertThat(first.status()).isEqualTo(200);
        var retry = SupportFixtures.mailgun(base, genuine, HubIntegrationTest.PLATFORM_MAILGUN_KEY, timestamp, token);
        assertThat(json(retry).get("action").asString()).isEqualTo("duplicate");
        var forged = SupportFixtures.mailgun(base, Map.of("from", stranger(), "subject", "Forged", "body-plain", "Evil",
                "Message-Id", SupportFixtures.newMessageId()), HubIntegrationTest.PLATFORM_MAILGUN_KEY, timestamp, token);
        assertThat(forged.status()).isEqualTo(401);
        var stale = SupportFixtures.mailgun(base, Map.of("from", stranger(), "subject", "Old"),
                HubIntegrationTest.PLATFORM_MAILGUN_KEY, String.valueOf(java.time.Instant.now().getEpochSecond() - 3600),
                token + "x");
        assertThat(stale.status()).isEqualTo(401);
    }

    @Test
    void aMailgunEmailRefusedAfterItsSignatureCheckedLeavesItsTokenUnclaimed() {
        String from = stranger();
        String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
        String token = UUID.randomUUID().toString().replace("-", "") + "refusedtoken0123456789";
        // a NUL cannot be stored: the email is refused after the token was claimed (found at full size by
        // HostileRequestsPropertyTests), and the claim goes with it
        var refused = SupportFixtures.mailgun(base, Map.of("from", from, "subject", "\u0000", "body-plain", "Hello",
                "Message-Id", SupportFixtures.newMessageId()), HubIntegrationTest.PLATFORM_MAILGUN_KEY, timestamp, token);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(SupportFixtures.count("select count(*) from support_inbound_tokens where token = ?", token)).isZero();
        assertThat(SupportFixtures.count("select count(*) from support_tickets where customer_email = ?", from)).isZero();
    }

    @Test
    void sendGridInboundParseNeedsTheSecretAndTakesRawOrParsedFields() {
        String from = stranger();
        var refused = SupportFixtures.sendGrid(base, Map.of("from", from, "subject", "x", "text", "y"), "wrong");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(SupportFixtures.sendGrid(base, Map.of("from", from, "subject", "x", "text", "y"), null).status())
                .isEqualTo(401);

        String messageId = SupportFixtures.newMessageId();
        var parsed = SupportFixtures.sendGrid(base, Map.of("from", "Ken <" + from + ">", "subject", "API timeout",
                "text", "The API times out.", "headers", "Message-ID: " + messageId + "\nSubject: API timeout\n"),
                HubIntegrationTest.SUPPORT_INBOUND_SECRET);
        assertThat(parsed.status()).as(parsed.body()).isEqualTo(200);
        String number = json(parsed).get("ticketNumber").asString();
        assertThat(thread(number).get("ticket").get("category").asString()).isEqualTo("technical");

        var raw = SupportFixtures.sendGrid(base, Map.of("email", SupportFixtures.rfc822(from, "Re: API timeout",
                SupportFixtures.newMessageId(), messageId, "Still timing out.")), HubIntegrationTest.SUPPORT_INBOUND_SECRET);
        assertThat(json(raw).get("action").asString()).isEqualTo("threaded");
        assertThat(json(raw).get("ticketNumber").asString()).isEqualTo(number);
    }

    @Test
    void somethingThatIsNotAnEmailIs400AndStoresNothing() {
        long before = SupportFixtures.count("select count(*) from support_tickets");
        var noFrom = SupportFixtures.raw(base, "Subject: no sender\r\n\r\nbody\r\n");
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.body()).contains("not_an_email");
        var badMailgun = SupportFixtures.mailgun(base, Map.of("from", "not an address", "subject", "x"));
        assertThat(badMailgun.status()).isEqualTo(400);
        var badHeaders = SupportFixtures.mailgun(base, Map.of("from", stranger(), "message-headers", "{not json"));
        assertThat(badHeaders.status()).isEqualTo(400);
        assertThat(SupportFixtures.raw(base, SupportFixtures.rfc822(stranger(), "x", null, null, "y"), "wrong").status())
                .isEqualTo(401);
        assertThat(SupportFixtures.count("select count(*) from support_tickets")).isEqualTo(before);
    }

    /** The thread without the desk's own {@code system} messages (status and assignee changes). */
    private static List<JsonNode> conversation(JsonNode thread) {
        List<JsonNode> messages = new java.util.ArrayList<>();
        thread.get("messages").forEach(m -> {
            if (!"system".equals(m.get("messageType").asString())) {
                messages.add(m);
            }
        });
        return messages;
    }

    @Test
    void aStrangerWhoKnowsAMessageIdDoesNotReachTheTicket() {
        String customer = stranger();
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(customer, "Private: our DNS keys",
                SupportFixtures.newMessageId(), null, "Here are our records."))).get("ticketNumber").asString();
        String confirmationId = SupportFixtures.emailsOfKind(customer, "support_ticket_confirmation").get(0)
                .header("Message-ID");

        String intruder = stranger();
        var forged = json(SupportFixtures.raw(base, SupportFixtures.rfc822(intruder, "Re: Private: our DNS keys",
                SupportFixtures.newMessageId(), confirmationId, "Please send me the records.")));
        assertThat(forged.get("action").asString()).isEqualTo("created");
        assertThat(forged.get("matchedBy").asString()).isEqualTo("new");
        assertThat(forged.get("ticketNumber").asString()).isNotEqualTo(number);
        assertThat(conversation(thread(number))).hasSize(1);
        assertThat(thread(forged.get("ticketNumber").asString()).get("ticket").get("metadata")
                .get("ignored_thread_headers").asBoolean()).isTrue();

        // a member of another tenant fares no better, with the header and the subject token together
        SignedInUser mallory = hub().signedInUser("Mallory");
        hub().tenantOf(mallory, "Mallory's Corp");
        var both = json(SupportFixtures.raw(base, SupportFixtures.rfc822(mallory.email(), "Re: [" + number + "] DNS",
                SupportFixtures.newMessageId(), confirmationId, "Me again.")));
        assertThat(both.get("action").asString()).isEqualTo("created");
        JsonNode malloryTicket = thread(both.get("ticketNumber").asString()).get("ticket");
        assertThat(malloryTicket.get("metadata").get("ignored_subject_token").asString()).isEqualTo(number);
        assertThat(conversation(thread(number))).hasSize(1);

        // the customer still threads by the same header
        var genuine = json(SupportFixtures.raw(base, SupportFixtures.rfc822(customer, "Re: Private: our DNS keys",
                SupportFixtures.newMessageId(), confirmationId, "One more record.")));
        assertThat(genuine.get("matchedBy").asString()).isEqualTo("headers");
        assertThat(genuine.get("ticketNumber").asString()).isEqualTo(number);
    }

    @Test
    void colleaguesOfTheTenantAndStaffThreadByHeadersStaffAsAnInternalNote() {
        SignedInUser ada = hub().signedInUser("Ada");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(ada.email(), "SMTP relay refuses us",
                SupportFixtures.newMessageId(), null, "535 authentication failed."))).get("ticketNumber").asString();
        String confirmationId = SupportFixtures.emailsOfKind(ada.email(), "support_ticket_confirmation").get(0)
                .header("Message-ID");

        SignedInUser grace = hub().signedInUser("Grace");
        hub().addMember(ada, tenant, grace, "member");
        var colleague = json(SupportFixtures.raw(base, SupportFixtures.rfc822(grace.email(), "Re: SMTP",
                SupportFixtures.newMessageId(), confirmationId, "It fails for me too.")));
        assertThat(colleague.get("matchedBy").asString()).isEqualTo("headers");
        assertThat(colleague.get("ticketNumber").asString()).isEqualTo(number);

        var fromStaff = json(SupportFixtures.raw(base, SupportFixtures.rfc822("Agent <" + agent.email() + ">", "Re: SMTP",
                SupportFixtures.newMessageId(), confirmationId, "Their relay password was rotated yesterday.")));
        assertThat(fromStaff.get("action").asString()).isEqualTo("threaded");
        assertThat(fromStaff.get("ticketNumber").asString()).isEqualTo(number);
        List<JsonNode> messages = conversation(thread(number));
        assertThat(messages).hasSize(3);
        JsonNode note = messages.get(2);
        assertThat(note.get("authorType").asString()).isEqualTo("agent");
        assertThat(note.get("visibility").asString()).isEqualTo("internal");
        assertThat(note.get("authorEmail").asString()).isEqualToIgnoringCase(agent.email());
        // nothing of the note reaches the customer
        assertThat(SupportFixtures.emailsOfKind(ada.email(), "support_ticket_reply")).isEmpty();
        String ticketId = thread(number).get("ticket").get("id").asString();
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/support/tickets/" + ticketId, ada.token()).raw().body())
                .doesNotContain("relay password");
    }

    @Test
    void aReplyThreadsByReferencesAloneWithoutInReplyTo() {
        String from = stranger();
        String first = SupportFixtures.newMessageId();
        String number = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Bounces from Yahoo",
                first, null, "All Yahoo recipients bounce."))).get("ticketNumber").asString();
        // a client that keeps the whole chain in References and sets no In-Reply-To
        var reply = json(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Re: Bounces (no token)",
                SupportFixtures.newMessageId(), null, "<unknown-" + UUID.randomUUID() + "@elsewhere.example> " + first,
                "Here is a bounce message.")));
        assertThat(reply.get("action").asString()).isEqualTo("threaded");
        assertThat(reply.get("matchedBy").asString()).isEqualTo("headers");
        assertThat(reply.get("ticketNumber").asString()).isEqualTo(number);
        assertThat(conversation(thread(number))).hasSize(2);
    }

    @Test
    void mailgunsRawMimeVariantIsParsedFromBodyMime() {
        String from = stranger();
        String messageId = SupportFixtures.newMessageId();
        String mime = SupportFixtures.alternative("Linus <" + from + ">", "Refund for the duplicate charge", messageId,
                "Please refund the second charge.", "<p>Please <b>refund</b> the <i>second</i> charge.</p>");
        var posted = SupportFixtures.mailgun(base, Map.of("recipient", "support@penguinmails.com", "sender", from,
                "from", "Linus <" + from + ">", "subject", "Refund for the duplicate charge", "body-mime", mime));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(json(posted).get("action").asString()).isEqualTo("created");
        JsonNode ticket = thread(json(posted).get("ticketNumber").asString());
        assertThat(ticket.get("ticket").get("category").asString()).isEqualTo("billing");
        assertThat(ticket.get("ticket").get("customerName").asString()).isEqualTo("Linus");
        assertThat(ticket.get("messages").get(0).get("body").asString()).isEqualTo("Please refund the second charge.");
        // the Message-ID came from the MIME: the same message again is a duplicate
        var again = SupportFixtures.mailgun(base, Map.of("sender", from, "body-mime", mime));
        assertThat(json(again).get("action").asString()).isEqualTo("duplicate");
        var broken = SupportFixtures.mailgun(base, Map.of("sender", from, "body-mime", "Subject: no sender\r\n\r\nx"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("not_an_email");
    }

    @Test
    void aMultipartAlternativeEmailKeepsItsTextPart() {
        String from = stranger();
        var posted = SupportFixtures.raw(base, SupportFixtures.alternative(from, "Question about tracking pixels",
                SupportFixtures.newMessageId(), "Do you track opens with a pixel?",
                "<html><body><p>Do you <b>track opens</b> with a <a href=\"https://x.example\">pixel</a>?</p></body></html>"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        JsonNode first = thread(json(posted).get("ticketNumber").asString()).get("messages").get(0);
        assertThat(first.get("body").asString()).isEqualTo("Do you track opens with a pixel?");
        assertThat(first.get("body").asString()).doesNotContain("<", "href");
    }
}
