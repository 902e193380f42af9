package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.IdempotentCreates;
import com.penguinmails.hub.support.internal.SupportApi.ButtonRequest;
import com.penguinmails.hub.support.internal.SupportApi.ButtonView;
import com.penguinmails.hub.support.internal.SupportApi.HelpView;
import com.penguinmails.hub.support.internal.SupportApi.MessageView;
import com.penguinmails.hub.support.internal.SupportApi.ReplyBody;
import com.penguinmails.hub.support.internal.SupportApi.RoutedView;
import com.penguinmails.hub.support.internal.SupportApi.SupportRequestBody;
import com.penguinmails.hub.support.internal.SupportApi.ThreadView;
import com.penguinmails.hub.support.internal.SupportApi.TicketPage;
import com.penguinmails.hub.support.internal.SupportApi.TicketView;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantAccess;

/**
 * The customer side of the desk, inside a tenant: help links, the support button, support requests
 * and the tenant's own tickets (internal notes never shown).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/support")
@Tag(name = "Support", description = "Help links, the support button, support requests and the tenant's tickets")
class SupportController {

    private final AskingForHelp asking;
    private final DeskSettings settings;
    private final Tickets tickets;
    private final TicketDesk desk;
    private final TenantTransactions transactions;
    private final SupportProperties properties;
    private final Clock clock;
    private final IdempotentCreates idempotent;

    SupportController(AskingForHelp asking, DeskSettings settings, Tickets tickets, TicketDesk desk,
                      TenantTransactions transactions, SupportProperties properties, Clock clock,
                      IdempotentCreates idempotent) {
        this.asking = asking;
        this.settings = settings;
        this.tickets = tickets;
        this.desk = desk;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.idempotent = idempotent;
    }

    @GetMapping("/help")
    @RequiredScope(Scope.SUPPORT_READ)
    @Operation(operationId = "getSupportHelp", summary = "The help center's links and which support channels the migration mode offers")
    HelpView help(@PathVariable UUID tenantId) {
        TenantAccess.require();
        MigrationMode mode = settings.mode();
        return new HelpView(properties.helpLinks(), mode.value(), mode.offersEmail(), mode.takesTickets());
    }

    @PostMapping("/button")
    @Operation(operationId = "pressSupportButton", summary = "The support button: the pre-filled support email for the signed-in user (records support_button_click)")
    ButtonView button(@PathVariable UUID tenantId, @Valid @RequestBody ButtonRequest body) {
        TenantAccess.require();
        return asking.button(tenantId, CurrentUser.require(), body);
    }

    @PostMapping("/requests")
    @ApiResponse(responseCode = "200", description = "Routed to the help center or email")
    @ApiResponse(responseCode = "201", description = "Routed to a new ticket")
    @Operation(operationId = "createSupportRequest", summary = "Ask for help: routed to a ticket, the help center first, or email; the rule and reason are recorded")
    ResponseEntity<RoutedView> request(@PathVariable UUID tenantId, @Valid @RequestBody SupportRequestBody body,
                                       @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Size(max = 200)
                                       @Pattern(regexp = IdempotentCreates.KEY_PATTERN) String key) {
        TenantAccess.require();
        CurrentUser user = CurrentUser.require();
        return idempotent.once(tenantId, "createSupportRequest", key, body, RoutedView.class, () -> {
            RoutedView routed = asking.request(tenantId, user, body);
            return ResponseEntity.status(routed.ticket() != null ? HttpStatus.CREATED : HttpStatus.OK).body(routed);
        });
    }

    @GetMapping("/tickets")
    @RequiredScope(Scope.SUPPORT_READ)
    @Operation(operationId = "listSupportTickets", summary = "The tenant's tickets, newest first")
    TicketPage list(@PathVariable UUID tenantId, @RequestParam(required = false) @Size(max = 200) String cursor,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        TenantAccess.require();
        Instant before = SupportApi.TicketCursor.parse(cursor);
        List<TicketView> rows = transactions.readInTenant(tenantId,
                () -> tickets.ofTenant(tenantId, before, limit + 1).stream().map(TicketView::of).toList());
        return TicketPage.of(rows, limit);
    }

    @GetMapping("/tickets/{ticketId}")
    @RequiredScope(Scope.SUPPORT_READ)
    @Operation(operationId = "getSupportTicket", summary = "One of the tenant's tickets with its public thread")
    ThreadView get(@PathVariable UUID tenantId, @PathVariable UUID ticketId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> {
            Ticket t = tickets.find(tenantId, ticketId).orElseThrow(TicketDesk::notFound);
            return new ThreadView(TicketView.of(t), tickets.messages(tenantId, ticketId, false).stream()
                    .map(m -> MessageView.of(m, false)).toList(), List.of(), null);
        });
    }

    @PostMapping("/tickets/{ticketId}/replies")
    @RequiredScope(Scope.SUPPORT_WRITE)
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "replyToSupportTicket", summary = "Reply to one of the tenant's tickets (reopens a pending or solved ticket)")
    ResponseEntity<MessageView> reply(@PathVariable UUID tenantId, @PathVariable UUID ticketId,
                                      @Valid @RequestBody ReplyBody body) {
        TenantAccess access = TenantAccess.require().requireWrite();
        Instant now = clock.instant();
        TicketMessage message = transactions.inTenant(tenantId, () -> {
            Ticket t = tickets.find(tenantId, ticketId).orElseThrow(TicketDesk::notFound);
            TicketDesk.Author author = CurrentUser.get()
                    .map(u -> TicketDesk.Author.customer(u.id(), u.email(), u.name()))
                    .orElse(TicketDesk.Author.customer(null, t.customerEmail(), "API key " + access.tenantId()));
            return desk.addMessage(tenantId, t.id(), author, body.body(), false, access.viaApiKey() ? "api" : "web",
                    null, null, now);
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(MessageView.of(message, false));
    }
}
