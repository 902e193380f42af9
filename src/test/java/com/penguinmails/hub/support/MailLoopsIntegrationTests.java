package com.penguinmails.hub.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail the desk must never answer automatically (RFC 3834), and the decoding of what it reads: hand-built
 * RFC 5322 / RFC 2045–2047 messages, as bounces, out-of-office replies and Latin-1 clients send them.
 */
class MailLoopsIntegrationTests extends HubIntegrationTest {

    private static final String CONFIRMATION = "support_ticket_confirmation";

    private SignedInUser agent;
    private String base;

    @BeforeEach
    void anAgent() {
        agent = SupportFixtures.agent(hub(), "Agent");
        base = "http://localhost:" + port;
    }

    private JsonNode outcome(SupportFixtures.Posted posted) {
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        return json.readTree(posted.body());
    }

    private JsonNode thread(String number) {
        var response = hub().get("/api/v1/support/desk/tickets/by-number/" + number, agent.token());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private static List<JsonNode> messages(JsonNode thread) {
        List<JsonNode> all = new java.util.ArrayList<>();
        thread.get("messages").forEach(all::add);
        return all;
    }

    @Test
    void aBounceOfTheDesksOwnMailIsANoteOnItsTicketNotANewTicketAndGetsNoAnswer() {
        String customer = HubClient.uniqueEmail("bouncing");
        String number = outcome(SupportFixtures.raw(base, SupportFixtures.rfc822(customer, "Help with DKIM",
                SupportFixtures.newMessageId(), null, "Please help."))).get("ticketNumber").asString();
        String confirmationId = SupportFixtures.emailsOfKind(customer, CONFIRMATION).get(0).header("Message-ID");
        long tickets = SupportFixtures.count("select count(*) from support_tickets");

        String boundary = "report-boundary-1";
        String bounce = "From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>\r\n"
                + "To: support@penguinmails.com\r\n"
                + "Return-Path: <>\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: " + SupportFixtures.newMessageId() + "\r\n"
                + "Auto-Submitted: auto-replied\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
                + "<" + customer + ">: host mx.customer.example said: 550 5.1.1 mailbox unknown\r\n"
                + "--" + boundary + "\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.customer.example\r\n\r\n"
                + "Final-Recipient: rfc822; " + customer + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "From: support@penguinmails.com\r\nTo: " + customer + "\r\n"
                + "Subject: [" + number + "] Help with DKIM\r\nMessage-ID: " + confirmationId + "\r\n"
                + "--" + boundary + "--\r\n";
        JsonNode handled = outcome(SupportFixtures.raw(base, bounce));

        assertThat(handled.get("action").asString()).isEqualTo("threaded");
        assertThat(handled.get("matchedBy").asString()).isEqualTo("delivery_report");
        assertThat(handled.get("ticketNumber").asString()).isEqualTo(number);
        assertThat(SupportFixtures.count("select count(*) from support_tickets")).isEqualTo(tickets);
        JsonNode note = messages(thread(number)).get(messages(thread(number)).size() - 1);
        assertThat(note.get("visibility").asString()).isEqualTo("internal");
        assertThat(note.get("body").asString()).contains("could not be delivered").contains("550 5.1.1");
        assertThat(SupportFixtures.emailsTo("mailer-daemon@mx.customer.example")).isEmpty();
        assertThat(SupportFixtures.emailsOfKind(customer, CONFIRMATION)).hasSize(1);
    }

    @Test
    void aBounceNamingNoMailOfTheDeskIsIgnored() {
        long tickets = SupportFixtures.count("select count(*) from support_tickets");
        String bounce = "From: MAILER-DAEMON@mx.elsewhere.example\r\nTo: support@penguinmails.com\r\n"
                + "Subject: Delivery Status Notification (Failure)\r\nMessage-ID: " + SupportFixtures.newMessageId() + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nDelivery failed.\r\n";
        JsonNode handled = outcome(SupportFixtures.raw(base, bounce));
        assertThat(handled.get("action").asString()).isEqualTo("ignored");
        assertThat(handled.get("matchedBy").asString()).isEqualTo("bounce_unmatched");
        assertThat(SupportFixtures.count("select count(*) from support_tickets")).isEqualTo(tickets);
        assertThat(SupportFixtures.emailsTo("mailer-daemon@mx.elsewhere.example")).isEmpty();
    }

    @Test
    void anOutOfOfficeReplyOrListMailOpensATicketButGetsNoConfirmation() {
        for (String header : List.of("Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: bulk",
                "List-Id: <news.customer.example>")) {
            String from = HubClient.uniqueEmail("automatic");
            String message = "From: " + from + "\r\nTo: support@penguinmails.com\r\nSubject: Out of office\r\n"
                    + "Message-ID: " + SupportFixtures.newMessageId() + "\r\n" + header + "\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nI am away until Monday.\r\n";
            JsonNode handled = outcome(SupportFixtures.raw(base, message));
            assertThat(handled.get("action").asString()).as(header).isEqualTo("created");
            JsonNode ticket = thread(handled.get("ticketNumber").asString()).get("ticket");
            assertThat(ticket.get("metadata").get("no_automatic_reply").asString()).as(header).isNotBlank();
            assertThat(SupportFixtures.emailsOfKind(from, CONFIRMATION)).as(header).isEmpty();
        }
    }

    @Test
    void mailFromTheDesksOwnAddressIsIgnored() {
        long tickets = SupportFixtures.count("select count(*) from support_tickets");
        JsonNode handled = outcome(SupportFixtures.raw(base, SupportFixtures.rfc822("PenguinMails Support <support@penguinmails.com>",
                "[TKT-000001] We received your request", SupportFixtures.newMessageId(), null, "We received it.")));
        assertThat(handled.get("action").asString()).isEqualTo("ignored");
        assertThat(handled.get("matchedBy").asString()).isEqualTo("own_address");
        assertThat(SupportFixtures.count("select count(*) from support_tickets")).isEqualTo(tickets);
    }

    @Test
    void oneSenderGetsAtMostThreeConfirmationsAnHour() {
        String from = HubClient.uniqueEmail("chatty");
        for (int i = 0; i < 5; i++) {
            outcome(SupportFixtures.raw(base, SupportFixtures.rfc822(from, "Question " + i, SupportFixtures.newMessageId(),
                    null, "Another question " + i)));
        }
        assertThat(SupportFixtures.emailsOfKind(from, CONFIRMATION)).hasSize(3);
    }

    @Test
    void sendGridFieldsAreReadInTheCharsetsSendGridDeclares() {
        String from = HubClient.uniqueEmail("latin");
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("from", from.getBytes(StandardCharsets.US_ASCII));
        fields.put("subject", "Réclamation: facture non reçue".getBytes(StandardCharsets.ISO_8859_1));
        fields.put("text", "Bonjour, je n'ai pas reçu ma facture de décembre.".getBytes(StandardCharsets.ISO_8859_1));
        fields.put("headers", ("Message-ID: " + SupportFixtures.newMessageId() + "\nSubject: x\n").getBytes(StandardCharsets.US_ASCII));
        fields.put("charsets", "{\"to\":\"UTF-8\",\"subject\":\"ISO-8859-1\",\"from\":\"UTF-8\",\"text\":\"iso-8859-1\"}"
                .getBytes(StandardCharsets.US_ASCII));
        JsonNode handled = outcome(SupportFixtures.sendGridBytes(base, fields, HubIntegrationTest.SUPPORT_INBOUND_SECRET));
        JsonNode thread = thread(handled.get("ticketNumber").asString());
        assertThat(thread.get("ticket").get("subject").asString()).isEqualTo("Réclamation: facture non reçue");
        assertThat(messages(thread).get(0).get("body").asString()).isEqualTo("Bonjour, je n'ai pas reçu ma facture de décembre.");
    }

    @Test
    void anHtmlOnlyEmailKeepsItsTextWithoutStylesOrScripts() {
        String from = HubClient.uniqueEmail("html");
        String html = "<html><head><style>p{color:red}</style><title>t</title></head><body>"
                + "<script>var secret=1;</script><p>Hello&nbsp;team,</p><p>my <b>campaign</b> stopped.<br>Thanks</p></body></html>";
        String message = "From: " + from + "\r\nTo: support@penguinmails.com\r\nSubject: Campaign stopped\r\n"
                + "Message-ID: " + SupportFixtures.newMessageId() + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n";
        JsonNode handled = outcome(SupportFixtures.raw(base, message));
        String body = messages(thread(handled.get("ticketNumber").asString())).get(0).get("body").asString();
        assertThat(body).isEqualTo("Hello team,\nmy campaign stopped.\nThanks");
    }

    @Test
    void aMailgunEmailWithoutStrippedTextLosesItsQuotedHistory() {
        String from = HubClient.uniqueEmail("quoted");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from", from);
        fields.put("subject", "Re: earlier question");
        fields.put("Message-Id", SupportFixtures.newMessageId());
        fields.put("body-plain", "The new part.\n\nOn Mon, 7 Dec 2026 at 10:00, Support <support@penguinmails.com> wrote:\n> old text\n");
        JsonNode handled = outcome(SupportFixtures.mailgun(base, fields));
        String body = messages(thread(handled.get("ticketNumber").asString())).get(0).get("body").asString();
        assertThat(body).isEqualTo("The new part.");
    }
}
