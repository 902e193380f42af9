package com.penguinmails.hub.support.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.support.internal.SupportApi.AgentMessageBody;
import com.penguinmails.hub.support.internal.SupportApi.MessageView;
import com.penguinmails.hub.support.internal.SupportApi.NewTicketBody;
import com.penguinmails.hub.support.internal.SupportApi.SettingsBody;
import com.penguinmails.hub.support.internal.SupportApi.SettingsView;
import com.penguinmails.hub.support.internal.SupportApi.ThreadView;
import com.penguinmails.hub.support.internal.SupportApi.TicketChangeBody;
import com.penguinmails.hub.support.internal.SupportApi.TicketPage;
import com.penguinmails.hub.support.internal.SupportApi.TicketView;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * The desk, for PenguinMails staff across all tenants: the queue, a ticket's full thread with internal
 * notes and SLA events, replies and notes, field and status changes, and the migration setting. The
 * database's {@code desk_staff} policy is what lets these transactions see every tenant's tickets.
 */
@RestController
@RequestMapping("/api/v1/support/desk")
@Tag(name = "Support desk", description = "The ticket queue and tickets for PenguinMails staff")
class DeskController {

    private final Tickets tickets;
    private final TicketDesk desk;
    private final SlaEvents slaEvents;
    private final Satisfactions satisfactions;
    private final DeskSettings settings;
    private final SupportRequests requests;
    private final Routing routing;
    private final CustomerFacts customers;
    private final TenantTransactions transactions;
    private final Clock clock;

    DeskController(Tickets tickets, TicketDesk desk, SlaEvents slaEvents, Satisfactions satisfactions,
                   DeskSettings settings, SupportRequests requests, Routing routing, CustomerFacts customers,
                   TenantTransactions transactions, Clock clock) {
        this.tickets = tickets;
        this.desk = desk;
        this.slaEvents = slaEvents;
        this.satisfactions = satisfactions;
        this.settings = settings;
        this.requests = requests;
        this.routing = routing;
        this.customers = customers;
        this.transactions = transactions;
        this.clock = clock;
    }

    static CurrentUser requireStaff() {
        CurrentUser user = CurrentUser.require();
        if (!user.staff()) {
            throw ApiProblem.forbidden("staff_only", "Only PenguinMails staff work the support desk");
        }
        return user;
    }

    @GetMapping("/tickets")
    @Operation(operationId = "listDeskTickets", summary = "The queue across tenants, newest first; filters combine")
    TicketPage queue(@RequestParam(required = false) @Pattern(regexp = SupportApi.STATUS) String status,
                     @RequestParam(required = false) @Pattern(regexp = SupportApi.PRIORITY) String priority,
                     @RequestParam(required = false) @Pattern(regexp = SupportApi.CATEGORY) String category,
                     @RequestParam(required = false) UUID assigneeId, @RequestParam(required = false) UUID tenantId,
                     @RequestParam(required = false) Boolean open,
                     @RequestParam(required = false) @Size(max = 200) String cursor,
                     @RequestParam(required = false) @Size(max = 200) String q,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        requireStaff();
        Instant before = SupportApi.TicketCursor.parse(cursor);
        List<TicketView> rows = transactions.inCurrentScope(() -> tickets.queue(new Tickets.QueueFilter(tenantId, status,
                priority, category, assigneeId, open, before, q == null || q.isBlank() ? null : q, limit + 1)))
                .stream().map(TicketView::of).toList();
        return TicketPage.of(rows, limit);
    }

    @PostMapping("/tickets")
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "createDeskTicket", summary = "Open a ticket on a customer's behalf (phone, chat, or an email forwarded by hand)")
    ResponseEntity<TicketView> open(@Valid @RequestBody NewTicketBody body) {
        CurrentUser agent = requireStaff();
        Instant now = clock.instant();
        UUID tenant = body.tenantId() == null ? SupportDesk.PLATFORM_TENANT : body.tenantId();
        EmailTriage.Triage triage = EmailTriage.of(body.subject(), body.description());
        Ticket ticket = transactions.inTenant(tenant, () -> {
            if (body.tenantId() != null && customers.tenant(body.tenantId()).isEmpty()) {
                throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("tenantId", "is not a tenant")));
            }
            Routing.Decision decision = new Routing.Decision("ticket", "opened_by_agent",
                    "Opened by an agent on the customer's behalf");
            Ticket t = desk.open(new TicketDesk.NewTicket(body.tenantId(), body.userId(), body.subject(),
                    body.description(), body.customerEmail().toLowerCase(java.util.Locale.ROOT), body.customerName(),
                    body.priority() != null ? body.priority() : triage.priority(),
                    body.category() != null ? body.category() : triage.category(),
                    body.channel() != null ? body.channel() : "api", body.tags(),
                    Map.of("source", "agent", "opened_by", agent.id().toString(), "original_mailto_attempt", false),
                    decision), now);
            requests.record(new SupportRequests.Recorded(tenant, null, body.userId(), "agent", t.category(),
                    triage.complexity(), null, decision, t.id()), now);
            return t;
        });
        return ResponseEntity.created(URI.create("/api/v1/support/desk/tickets/" + ticket.id())).body(TicketView.of(ticket));
    }

    @GetMapping("/tickets/{ticketId}")
    @Operation(operationId = "getDeskTicket", summary = "A ticket with its whole thread (internal notes included), SLA events and rating")
    ThreadView get(@PathVariable UUID ticketId) {
        requireStaff();
        return transactions.inCurrentScope(() -> {
            Ticket t = tickets.find(ticketId).orElseThrow(TicketDesk::notFound);
            return new ThreadView(TicketView.of(t), tickets.messages(t.tenantId(), t.id(), true).stream()
                    .map(m -> MessageView.of(m, true)).toList(), slaEvents.of(t.tenantId(), t.id()),
                    satisfactions.rating(t.tenantId(), t.id()).map(Satisfactions.Rating::rating).orElse(null));
        });
    }

    @GetMapping("/tickets/by-number/{number}")
    @Operation(operationId = "getDeskTicketByNumber", summary = "Find a ticket by its number (TKT-000123 or 123)")
    ThreadView byNumber(@PathVariable String number) {
        requireStaff();
        long n = SupportDesk.parseReference(number).orElseThrow(
                () -> ApiProblem.badRequest("invalid_ticket_number", "A ticket number looks like TKT-000123"));
        UUID id = transactions.inCurrentScope(() -> tickets.byNumber(n, "").map(Tickets.NumberMatch::ticketId).orElse(null));
        if (id == null) {
            throw TicketDesk.notFound();
        }
        return get(id);
    }

    @PostMapping("/tickets/{ticketId}/messages")
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "addDeskTicketMessage", summary = "A public reply (emailed to the customer with threading headers) or an internal note")
    ResponseEntity<MessageView> message(@PathVariable UUID ticketId, @Valid @RequestBody AgentMessageBody body) {
        CurrentUser agent = requireStaff();
        Instant now = clock.instant();
        UUID tenant = tenantOf(ticketId);
        TicketMessage message = transactions.inTenant(tenant, () -> {
            TicketDesk.Author author = TicketDesk.Author.agent(agent.id(), agent.email(), agent.name());
            TicketMessage m = desk.addMessage(tenant, ticketId, author, body.body(), "internal".equals(body.visibility()),
                    "web", body.timeSpentSeconds(), null, now);
            if (body.status() != null) {
                desk.change(tenant, ticketId, new TicketDesk.Changes(body.status(), null, null, null, false, null),
                        author, now);
            }
            return m;
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(MessageView.of(message, true));
    }

    @PatchMapping("/tickets/{ticketId}")
    @Operation(operationId = "updateDeskTicket", summary = "Change status (allowed moves only), priority, category, assignee or tags")
    TicketView change(@PathVariable UUID ticketId, @Valid @RequestBody TicketChangeBody body) {
        CurrentUser agent = requireStaff();
        Instant now = clock.instant();
        UUID tenant = tenantOf(ticketId);
        if (body.assigneeId() != null && !transactions.inCurrentScope(() -> staffExists(body.assigneeId()))) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("assigneeId", "is not a staff member")));
        }
        return TicketView.of(transactions.inTenant(tenant, () -> desk.change(tenant, ticketId, new TicketDesk.Changes(
                body.status(), body.priority(), body.category(), body.assigneeId(), Boolean.TRUE.equals(body.unassign()),
                body.tags()), TicketDesk.Author.agent(agent.id(), agent.email(), agent.name()), now)));
    }

    @GetMapping("/settings")
    @Operation(operationId = "getDeskSettings", summary = "The desk's migration mode and desk tenant")
    SettingsView settings() {
        requireStaff();
        return transactions.inCurrentScope(() -> new SettingsView(settings.mode().value(),
                settings.deskTenant().orElse(null)));
    }

    @PutMapping("/settings")
    @Operation(operationId = "updateDeskSettings", summary = "Change the migration mode (email_only, parallel, tickets_first, tickets_only) and/or the desk "
            + "tenant, whose webhook endpoints get support.ticket_created for every ticket (staff admins only)")
    SettingsView changeSettings(@Valid @RequestBody SettingsBody body) {
        CurrentUser agent = requireStaff();
        boolean unset = Boolean.TRUE.equals(body.unsetDeskTenant());
        if (body.migrationMode() == null && body.deskTenantId() == null && !unset) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("migrationMode",
                    "give migrationMode, deskTenantId or unsetDeskTenant")));
        }
        if (body.deskTenantId() != null && unset) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("unsetDeskTenant",
                    "cannot be given with deskTenantId")));
        }
        if ((body.deskTenantId() != null || unset) && !"admin".equals(agent.staffRole())) {
            // the desk tenant's endpoints receive every customer's tickets: a staff admin decides where they go
            throw ApiProblem.forbidden("staff_admin_only", "Only staff admins choose the desk tenant");
        }
        if (body.deskTenantId() != null && transactions.inTenant(body.deskTenantId(),
                () -> customers.tenant(body.deskTenantId()).isEmpty())) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("deskTenantId", "is not a tenant")));
        }
        Instant now = clock.instant();
        transactions.inCurrentScope(() -> {
            if (body.migrationMode() != null) {
                settings.setMode(MigrationMode.parse(body.migrationMode()), agent.id(), now);
            }
            if (body.deskTenantId() != null || unset) {
                settings.setDeskTenant(unset ? null : body.deskTenantId(), agent.id(), now);
            }
        });
        return settings();
    }

    @GetMapping("/routing-rules")
    @Operation(operationId = "listRoutingRules", summary = "The routing rules in the order they are tried")
    List<SupportProperties.RoutingRule> rules() {
        requireStaff();
        return new ArrayList<>(routing.rules());
    }

    private UUID tenantOf(UUID ticketId) {
        return transactions.inCurrentScope(() -> tickets.find(ticketId).map(Ticket::tenantId)
                .orElseThrow(TicketDesk::notFound));
    }

    private boolean staffExists(UUID userId) {
        return tickets.isStaff(userId);
    }
}
