package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/webhook-inbox")
@Tag(name = "Inbound webhooks")
class InboxController {

    private final Inbox inbox;
    private final InboxWorker worker;
    private final TenantTransactions transactions;
    private final JsonMapper json;
    private final Clock clock;

    InboxController(Inbox inbox, InboxWorker worker, TenantTransactions transactions, JsonMapper json, Clock clock) {
        this.inbox = inbox;
        this.worker = worker;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param attempts   processing attempts made (0 while waiting for the first)
     * @param retryCount attempts after the first
     * @param payload    the event's JSON, its members in the order the provider sent them
     * @param rawPayload the event's JSON text exactly as the provider sent it (events stored before the inbox kept
     *                   the text have their payload's normalised text)
     */
    record InboundEventView(UUID id, String provider, UUID integrationId, String type, String providerEventId,
                            Instant occurredAt, Instant receivedAt, String userAgent, String clientAddress,
                            String state, int attempts, int retryCount, String lastError, Instant processedAt,
                            JsonNode payload, String rawPayload) {
    }

    record InboxPage(List<InboundEventView> events, String nextCursor) {
    }

    @GetMapping
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "listInboundEvents", summary = "Inbound events of the tenant's integrations, newest first, with cursor pagination")
    InboxPage list(@PathVariable UUID tenantId,
                   @RequestParam(required = false) @Pattern(regexp = "pending|done|ignored|failed") String state,
                   @RequestParam(required = false) @Pattern(regexp = "[a-z0-9_-]{1,50}") String provider,
                   @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_=-]{1,200}") String cursor,
                   @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        TenantAccess.require();
        PageCursor before = PageCursor.parse(cursor);
        var page = PageCursor.cut(transactions.readInTenant(tenantId,
                () -> inbox.page(tenantId, state, provider, before.id(), limit + 1)), limit,
                (Inbox.Stored row) -> row.event().receivedAt(), row -> row.event().id());
        return new InboxPage(page.rows().stream().map(this::view).toList(), page.next());
    }

    @GetMapping("/{eventId}")
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "getInboundEvent", summary = "One inbound event with its payload and processing state")
    InboundEventView get(@PathVariable UUID tenantId, @PathVariable UUID eventId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> inbox.find(tenantId, eventId)).map(this::view)
                .orElseThrow(() -> ApiProblem.notFound("event_not_found", "No such inbound event"));
    }

    @PostMapping("/{eventId}/retry")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @Operation(operationId = "retryInboundEvent", summary = "Run a failed or ignored event again")
    Map<String, Object> retry(@PathVariable UUID tenantId, @PathVariable UUID eventId) {
        TenantAccess.require().requireWrite();
        boolean requeued = transactions.inTenant(tenantId, () -> inbox.requeue(tenantId, eventId, clock.instant()));
        if (!requeued) {
            throw ApiProblem.conflict("event_not_retryable", "Only failed or ignored events can be run again");
        }
        worker.nudge();
        return Map.of("status", "pending", "eventId", eventId);
    }

    private InboundEventView view(Inbox.Stored s) {
        var e = s.event();
        return new InboundEventView(e.id(), e.provider(), e.integrationId(), e.type(), e.dedupKey(), e.occurredAt(),
                e.receivedAt(), s.userAgent(), s.clientAddress(), s.state(), e.attempt(), Math.max(0, e.attempt() - 1),
                s.lastError(), s.processedAt(), tree(e.payloadJson()), e.payloadJson());
    }

    /** The payload as JSON; null when its text cannot be read as JSON (it is still answered as rawPayload). */
    private JsonNode tree(String payload) {
        try {
            return json.readTree(payload);
        } catch (tools.jackson.core.JacksonException unreadable) {
            return null;
        }
    }
}
