package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Email to ticket. A reply joins its ticket, matched first by In-Reply-To / References against every
 * Message-ID the desk sent or received, then by a {@code [TKT-n]} token in the subject — either only
 * counts when the sender is the ticket's customer, a member of the ticket's tenant or staff (whose
 * email becomes an internal note), so neither a forged token nor a Message-ID a stranger learnt
 * reaches another tenant's ticket; such an email falls through to the next rule. Anything else opens a new ticket whose
 * priority and category come from {@link EmailTriage}; its tenant is the sender's (a member's
 * address), else the platform pseudo-tenant. A reply to a closed ticket opens a follow-up ticket.
 * A Message-ID already received is acknowledged and changes nothing (provider retries).
 *
 * <p>Mail loops (RFC 3834): mail from the desk's own addresses is ignored; a delivery failure
 * ({@link AutomatedMail#BOUNCE}) never opens a ticket, it is kept as an internal note on the ticket whose mail
 * bounced (found by the Message-IDs its report names) or ignored; automatic replies, bulk and list mail may
 * open or join tickets but are never answered automatically, and no address gets more than
 * {@code hub.support.inbound.auto-replies-per-sender-per-hour} confirmations an hour.
 */
@Component
class EmailToTicket {

    record Outcome(String action, String matchedBy, UUID tenantId, UUID ticketId, String number) {
    }

    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super(null, null, false, false);
        }
    }

    private final Tickets tickets;
    private final TicketDesk desk;
    private final SupportRequests requests;
    private final CustomerFacts customers;
    private final Routing routing;
    private final DeskSettings settings;
    private final TenantTransactions transactions;
    private final AutoReplyBudget autoReplies;
    private final SupportProperties properties;
    private final Clock clock;

    EmailToTicket(Tickets tickets, TicketDesk desk, SupportRequests requests, CustomerFacts customers, Routing routing,
                  DeskSettings settings, TenantTransactions transactions, AutoReplyBudget autoReplies,
                  SupportProperties properties, Clock clock) {
        this.tickets = tickets;
        this.desk = desk;
        this.requests = requests;
        this.customers = customers;
        this.routing = routing;
        this.settings = settings;
        this.transactions = transactions;
        this.autoReplies = autoReplies;
        this.properties = properties;
        this.clock = clock;
    }

    Outcome receive(InboundEmail email, String provider) {
        return receive(email, provider, clock.instant());
    }

    Outcome receive(InboundEmail email, String provider, Instant now) {
        MigrationMode mode = settings.mode();
        if (!mode.takesTickets()) {
            return new Outcome("ignored", "migration_email_only", null, null, null);
        }
        if (email.messageId() != null && transactions.inCurrentScope(() -> tickets.emailIdKnown(email.messageId()))) {
            return new Outcome("duplicate", null, null, null, null);
        }
        if (isOwnAddress(email.fromAddress())) {
            return new Outcome("ignored", "own_address", null, null, null);
        }
        if (email.automated() == AutomatedMail.BOUNCE) {
            return bounce(email, provider, now);
        }
        try {
            Map<String, Object> notes = new LinkedHashMap<>();
            Optional<Tickets.StaffSender> staff = transactions.inCurrentScope(
                    () -> tickets.staffOfSender(email.fromAddress()));
            Optional<Tickets.NumberMatch> byHeaders = transactions.inCurrentScope(
                    () -> tickets.byEmailIds(email.threadIds(), email.fromAddress()));
            if (byHeaders.isPresent()) {
                Optional<TicketDesk.Author> author = writer(byHeaders.get(), email, staff);
                if (author.isPresent()) {
                    return reply(byHeaders.get(), email, provider, "headers", author.get(), now);
                }
                // a stranger who knows a Message-ID of the thread does not reach the ticket
                notes.put("ignored_thread_headers", true);
            }
            Optional<Long> token = SupportDesk.tokenIn(email.subject());
            if (token.isPresent()) {
                Optional<Tickets.NumberMatch> match = transactions.inCurrentScope(
                        () -> tickets.byNumber(token.get(), email.fromAddress()));
                Optional<TicketDesk.Author> author = match.flatMap(m -> writer(m, email, staff));
                if (author.isPresent()) {
                    return reply(match.get(), email, provider, "subject_token", author.get(), now);
                }
                notes.put("ignored_subject_token", SupportDesk.reference(token.get()));
            }
            return open(email, provider, notes, null, now);
        } catch (Duplicate concurrent) {
            return new Outcome("duplicate", null, null, null, null);
        }
    }

    private boolean isOwnAddress(String address) {
        return address.equalsIgnoreCase(properties.supportAddress()) || address.equalsIgnoreCase(properties.teamAddress());
    }

    /**
     * A delivery failure: an internal note on the ticket whose mail bounced, found by the Message-IDs the report
     * names (the desk's own, random, so a stranger cannot aim a forged report at a ticket); else nothing.
     */
    private Outcome bounce(InboundEmail email, String provider, Instant now) {
        List<String> ids = new java.util.ArrayList<>(email.threadIds());
        email.reportedIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        Optional<Tickets.NumberMatch> match = transactions.inCurrentScope(() -> tickets.byEmailIds(ids, email.fromAddress()));
        if (match.isEmpty()) {
            return new Outcome("ignored", "bounce_unmatched", null, null, null);
        }
        Tickets.NumberMatch m = match.get();
        return transactions.inTenant(m.tenantId(), () -> {
            Ticket ticket = tickets.find(m.tenantId(), m.ticketId()).orElseThrow();
            if (ticket.state() == TicketStatus.CLOSED) {
                return new Outcome("ignored", "ticket_closed", m.tenantId(), m.ticketId(), null);
            }
            if (email.messageId() != null && !tickets.addEmailId(m.tenantId(), email.messageId(), ticket.id(), "received", now)) {
                throw new Duplicate();
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("provider", provider);
            metadata.put("original_email_id", email.messageId());
            metadata.put("subject", email.subject());
            metadata.put("delivery_failure", true);
            desk.addMessage(m.tenantId(), ticket.id(), TicketDesk.Author.agent(null, email.fromAddress(), "Mail delivery system"),
                    "Mail to " + ticket.customerEmail() + " could not be delivered:\n\n"
                            + (email.body().isBlank() ? email.subject() : email.body()),
                    true, "email", 0, metadata, now);
            return new Outcome("threaded", "delivery_report", m.tenantId(), ticket.id(), ticket.reference());
        });
    }

    /**
     * Who may write to a matched ticket by email: its customer's address or a member of its tenant (as the
     * customer), or PenguinMails staff (as an agent, whose email is kept as an internal note). Anyone else
     * gets nothing: the email then falls through to the next rule.
     */
    private static Optional<TicketDesk.Author> writer(Tickets.NumberMatch match, InboundEmail email,
                                                      Optional<Tickets.StaffSender> staff) {
        String sender = email.fromAddress();
        if (match.customerEmail().equalsIgnoreCase(sender)
                || (!SupportDesk.PLATFORM_TENANT.equals(match.tenantId()) && match.senderIsMember())) {
            return Optional.of(TicketDesk.Author.customer(null, sender, email.fromName()));
        }
        return staff.map(s -> TicketDesk.Author.agent(s.userId(), sender,
                email.fromName() != null && !email.fromName().isBlank() ? email.fromName() : s.name()));
    }

    private Outcome reply(Tickets.NumberMatch match, InboundEmail email, String provider, String matchedBy,
                          TicketDesk.Author author, Instant now) {
        Tickets.TicketRef ref = new Tickets.TicketRef(match.tenantId(), match.ticketId());
        Outcome threaded = transactions.inTenant(ref.tenantId(), () -> {
            Ticket ticket = tickets.find(ref.tenantId(), ref.ticketId()).orElseThrow();
            if (ticket.state() == TicketStatus.CLOSED) {
                return null; // a follow-up ticket is opened below, in its own transaction
            }
            if (email.messageId() != null && !tickets.addEmailId(ref.tenantId(), email.messageId(), ticket.id(), "received", now)) {
                throw new Duplicate();
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("provider", provider);
            metadata.put("original_email_id", email.messageId());
            metadata.put("subject", email.subject());
            metadata.put("matched_by", matchedBy);
            desk.addMessage(ref.tenantId(), ticket.id(), author, email.body().isBlank() ? "(empty message)" : email.body(),
                    author.isAgent(), "email", author.isAgent() ? 0 : null, metadata, now);
            return new Outcome("threaded", matchedBy, ref.tenantId(), ticket.id(), ticket.reference());
        });
        if (threaded != null) {
            return threaded;
        }
        if (author.isAgent()) {
            // staff writing into a closed ticket: nothing to reopen, and no follow-up in the staff member's name
            return new Outcome("ignored", "ticket_closed", ref.tenantId(), ref.ticketId(), null);
        }
        return followUp(ref, email, provider, now);
    }

    private Outcome followUp(Tickets.TicketRef closed, InboundEmail email, String provider, Instant now) {
        String reference = transactions.inTenant(closed.tenantId(),
                () -> tickets.find(closed.tenantId(), closed.ticketId()).map(Ticket::reference).orElse(null));
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("follow_up_of", reference);
        return open(email, provider, notes, closed.tenantId(), now);
    }

    private Outcome open(InboundEmail email, String provider, Map<String, Object> notes, UUID knownTenant, Instant now) {
        Optional<Tickets.Member> member = transactions.inCurrentScope(() -> tickets.tenantOfSender(email.fromAddress()));
        UUID tenant = knownTenant != null ? knownTenant : member.map(Tickets.Member::tenantId).orElse(SupportDesk.PLATFORM_TENANT);
        UUID user = member.filter(m -> m.tenantId().equals(tenant)).map(Tickets.Member::userId).orElse(null);
        EmailTriage.Triage triage = EmailTriage.of(email.subject(), email.body());
        return transactions.inTenant(tenant, () -> {
            String tier = SupportDesk.PLATFORM_TENANT.equals(tenant) ? null
                    : customers.tenant(tenant).map(CustomerFacts.TenantFacts::customerTier).orElse(null);
            Routing.Decision decision = routing.decide(new Routing.Request(tier, triage.category(), triage.complexity()),
                    settings.mode());
            Map<String, Object> metadata = new LinkedHashMap<>(notes);
            metadata.put("source", "email");
            metadata.put("provider", provider);
            metadata.put("original_mailto_attempt", true);
            metadata.put("original_email_id", email.messageId());
            metadata.put("complexity", triage.complexity());
            if (!email.automated().mayBeAnsweredAutomatically()) {
                metadata.put(DeskNotifications.NO_AUTOMATIC_REPLY, email.automated().name().toLowerCase(java.util.Locale.ROOT));
            } else if (!autoReplies.allows(email.fromAddress(), now)) {
                metadata.put(DeskNotifications.NO_AUTOMATIC_REPLY, "sender_hourly_limit");
            }
            String subject = email.subject().isBlank() ? "(no subject)" : email.subject();
            Ticket ticket = desk.open(new TicketDesk.NewTicket(SupportDesk.PLATFORM_TENANT.equals(tenant) ? null : tenant,
                    user, subject.length() > 998 ? subject.substring(0, 998) : subject,
                    email.body().isBlank() ? "(empty message)" : email.body(), email.fromAddress(), email.fromName(),
                    triage.priority(), triage.category(), "email", List.of(), metadata, decision), now);
            if (email.messageId() != null && !tickets.addEmailId(tenant, email.messageId(), ticket.id(), "received", now)) {
                throw new Duplicate();
            }
            requests.record(new SupportRequests.Recorded(tenant, null, user, "email", triage.category(),
                    triage.complexity(), tier, decision, ticket.id()), now);
            return new Outcome("created", "new", tenant, ticket.id(), ticket.reference());
        });
    }
}
