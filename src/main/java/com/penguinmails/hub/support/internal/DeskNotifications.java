package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.webhook.OutboundEvents;

/**
 * What the desk tells people, always inside the ticket's tenant transaction (emails through the
 * system-email outbox, events through the webhook outbox): the customer's confirmation, the team's
 * notice (an email, and {@code support.ticket_created} to the desk tenant's endpoints through
 * {@link DeskEvents}), agents' replies with threading headers, the satisfaction request and SLA alerts. Every
 * Message-ID the desk sends is stored on the ticket, so a reply to any of them threads.
 */
@Component
class DeskNotifications {

    private static final int MAX_REFERENCES = 20;
    /** A ticket metadata key: why the customer gets no confirmation (an automatic or bulk email, a sender's hourly limit). */
    static final String NO_AUTOMATIC_REPLY = "no_automatic_reply";

    private final SystemEmails emails;
    private final OutboundEvents events;
    private final Tickets tickets;
    private final SatisfactionLinks links;
    private final DeskSettings settings;
    private final DeskEvents deskEvents;
    private final DeskEventRelay relay;
    private final SupportProperties properties;

    DeskNotifications(SystemEmails emails, OutboundEvents events, Tickets tickets, SatisfactionLinks links,
                      DeskSettings settings, DeskEvents deskEvents, DeskEventRelay relay, SupportProperties properties) {
        this.emails = emails;
        this.events = events;
        this.tickets = tickets;
        this.links = links;
        this.settings = settings;
        this.deskEvents = deskEvents;
        this.relay = relay;
        this.properties = properties;
    }

    void ticketCreated(Ticket t, Instant now) {
        String text = """
                Hello %s,

                We received your request and opened ticket %s: "%s".
                Our team answers within our support hours; reply to this email to add anything, and keep
                [%s] in the subject.

                PenguinMails Support
                """.formatted(t.customerName() == null ? "there" : t.customerName(), t.reference(), t.subject(),
                t.reference());
        if (t.metadata() == null || t.metadata().get(NO_AUTOMATIC_REPLY) == null) {
            sendToCustomer(t, AutoReplyBudget.CONFIRMATION, "[" + t.reference() + "] " + t.subject(), text, now);
        }
        String team = """
                New ticket %s (%s priority, %s, via %s)
                From: %s <%s>
                Tenant: %s

                %s
                """.formatted(t.reference(), t.priority(), t.category(), t.channel(),
                t.customerName() == null ? "" : t.customerName(), t.customerEmail(),
                t.hasCustomerTenant() ? t.tenantId() : "none (email-only sender)", t.description());
        emails.send(new SystemEmail("support_ticket_team_notice", properties.teamAddress(),
                "[" + t.reference() + "] New " + t.priority() + " ticket: " + t.subject(), team, null,
                t.customerEmail(), Map.of()));
        Map<String, Object> data = ticketData(t);
        if (t.hasCustomerTenant()) {
            events.publish(t.tenantId(), SupportEventCatalogue.TICKET_CREATED, data);
        }
        // the team's copy, for every ticket (email-only senders' too), goes to the desk tenant's endpoints;
        // a ticket of the desk tenant itself has just been published there
        settings.deskTenant().filter(desk -> !(t.hasCustomerTenant() && desk.equals(t.tenantId())))
                .ifPresent(desk -> {
                    deskEvents.enqueue(t.tenantId(), t.id(), SupportEventCatalogue.TICKET_CREATED, data, now);
                    relay.nudgeAfterCommit();
                });
    }

    void agentReplied(Ticket t, TicketMessage reply, Instant now) {
        sendToCustomer(t, "support_ticket_reply", "Re: [" + t.reference() + "] " + t.subject(),
                reply.body() + "\n\n--\nReply to this email to answer; keep [" + t.reference() + "] in the subject.",
                now);
    }

    void solved(Ticket t, Instant now) {
        String token = links.sign(t.tenantId(), t.id(), now.plus(properties.satisfaction().linkTtl()));
        String link = properties.publicBaseUrl().resolve("/console/support/rate.html").toString() + "?token=" + token;
        String text = """
                Hello %s,

                Ticket %s ("%s") is solved. How did we do? Rate us from 1 to 5 (no sign-in needed):
                %s

                Reply to this email if the problem is not solved; the ticket opens again.

                PenguinMails Support
                """.formatted(t.customerName() == null ? "there" : t.customerName(), t.reference(), t.subject(), link);
        sendToCustomer(t, "support_ticket_solved", "[" + t.reference() + "] Solved: " + t.subject(), text, now);
    }

    void slaAlert(Ticket t, SlaClock.Reached reached) {
        boolean breach = "breach".equals(reached.kind());
        String what = reached.target().replace('_', ' ');
        emails.send(SystemEmail.plain("support_sla_" + reached.kind(), properties.teamAddress(),
                "[" + t.reference() + "] SLA " + (breach ? "breached" : "warning") + ": " + what,
                "Ticket %s (%s priority) %s its %s target, due %s.\nSubject: %s\n".formatted(t.reference(),
                        t.priority(), breach ? "missed" : "has used 80% of", what, reached.dueAt(), t.subject())));
        if (t.hasCustomerTenant()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ticketId", t.id().toString());
            data.put("number", t.reference());
            data.put("priority", t.priority());
            data.put("target", reached.target());
            data.put("dueAt", reached.dueAt().toString());
            events.publish(t.tenantId(), breach ? SupportEventCatalogue.SLA_BREACHED : SupportEventCatalogue.SLA_WARNING,
                    data);
        }
    }

    private void sendToCustomer(Ticket t, String kind, String subject, String text, Instant now) {
        String messageId = "<" + t.reference().toLowerCase() + "." + UUID.randomUUID() + "@"
                + properties.messageIdDomain() + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", messageId);
        List<String> thread = tickets.emailIds(t.tenantId(), t.id());
        if (!thread.isEmpty()) {
            List<String> references = thread.subList(Math.max(0, thread.size() - MAX_REFERENCES), thread.size());
            headers.put("In-Reply-To", references.get(references.size() - 1));
            headers.put("References", String.join(" ", references));
        }
        emails.send(new SystemEmail(kind, t.customerEmail(), subject, text, null, properties.supportAddress(), headers));
        tickets.addEmailId(t.tenantId(), messageId, t.id(), "sent", now);
    }

    static Map<String, Object> ticketData(Ticket t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", t.id().toString());
        data.put("number", t.reference());
        data.put("subject", t.subject());
        data.put("priority", t.priority());
        data.put("category", t.category());
        data.put("channel", t.channel());
        data.put("status", t.status());
        data.put("customerEmail", t.customerEmail());
        data.put("customerName", t.customerName());
        data.put("tenantId", t.hasCustomerTenant() ? t.tenantId().toString() : null);
        data.put("userId", t.userId() == null ? null : t.userId().toString());
        data.put("createdAt", t.createdAt().toString());
        return data;
    }
}
