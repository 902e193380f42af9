package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.AttemptPage;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.AttemptView;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.MessagePage;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.MessageView;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.ReplayRequest;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/webhook-endpoints/{endpointId}")
@Tag(name = "Outbound webhooks")
class WebhookMessageController {

    private final Deliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final DeliverySignal signal;
    private final TenantTransactions transactions;
    private final JsonMapper json;
    private final Clock clock;

    WebhookMessageController(Deliveries deliveries, WebhookEndpoints endpoints, DeliverySignal signal,
                             TenantTransactions transactions, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.signal = signal;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/messages")
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "listWebhookMessages", summary = "Messages sent to the endpoint with their attempts, newest first, with cursor pagination")
    MessagePage list(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
                     @RequestParam(required = false) @Pattern(regexp = "pending|delivered|failed") String state,
                     @RequestParam(required = false) @Pattern(regexp = "[a-z0-9_.]{1,200}") String eventType,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
                     @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_=-]{1,200}") String cursor,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        TenantAccess.require();
        PageCursor before = PageCursor.parse(cursor);
        return transactions.readInTenant(tenantId, () -> {
            endpoints.find(tenantId, endpointId).orElseThrow(ManagingEndpoints::notFound);
            var page = PageCursor.cut(deliveries.page(tenantId, endpointId, state, eventType, since, before.at(),
                    before.id(), limit + 1), limit, Deliveries.Message::createdAt, Deliveries.Message::id);
            return new MessagePage(views(tenantId, page.rows()), page.next());
        });
    }

    @GetMapping("/messages/{messageId}")
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "getWebhookMessage", summary = "One message with its payload and every attempt")
    MessageView get(@PathVariable UUID tenantId, @PathVariable UUID endpointId, @PathVariable String messageId) {
        TenantAccess.require();
        MessageRef ref = MessageRef.parse(messageId);
        return transactions.readInTenant(tenantId, () -> ref.find(deliveries, tenantId, endpointId)
                .map(m -> views(tenantId, List.of(m)).get(0)))
                .orElseThrow(() -> ApiProblem.notFound("webhook_message_not_found", "No such message"));
    }

    /**
     * How a message is named in its paths: by its {@code messageId} ({@code msg_…}, the {@code webhook-id} the
     * receiver sees, which the test endpoint and the listing hand out) or by its delivery {@code id} (a uuid).
     */
    record MessageRef(UUID deliveryId, UUID eventId) {

        static MessageRef parse(String text) {
            var eventId = StandardWebhooks.eventIdOf(text);
            if (eventId.isPresent()) {
                return new MessageRef(null, eventId.get());
            }
            try {
                if (text.length() == 36) {
                    return new MessageRef(UUID.fromString(text), null);
                }
            } catch (IllegalArgumentException e) {
                // not a uuid either: refused below
            }
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("messageId",
                    "must be a message id (msg_ and 32 hexadecimal digits) or a delivery id (uuid)")));
        }

        java.util.Optional<Deliveries.Message> find(Deliveries deliveries, UUID tenantId, UUID endpointId) {
            return deliveryId != null ? deliveries.find(tenantId, endpointId, deliveryId)
                    : deliveries.findOfEvent(tenantId, endpointId, eventId);
        }
    }

    @GetMapping("/messages/{messageId}/attempts")
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "listWebhookMessageAttempts", summary = "One message's attempts, newest first, with cursor pagination")
    AttemptPage attempts(@PathVariable UUID tenantId, @PathVariable UUID endpointId, @PathVariable String messageId,
                         @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_=-]{1,200}") String cursor,
                         @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        TenantAccess.require();
        MessageRef ref = MessageRef.parse(messageId);
        PageCursor before = PageCursor.parse(cursor);
        return transactions.readInTenant(tenantId, () -> {
            endpoints.find(tenantId, endpointId).orElseThrow(ManagingEndpoints::notFound);
            UUID deliveryId = ref.find(deliveries, tenantId, endpointId)
                    .orElseThrow(() -> ApiProblem.notFound("webhook_message_not_found", "No such message")).id();
            var page = PageCursor.cut(deliveries.attemptPage(tenantId, deliveryId, before.at(), before.id(), limit + 1),
                    limit, Deliveries.Attempt::attemptedAt, Deliveries.Attempt::id);
            return new AttemptPage(page.rows().stream().map(WebhookMessageController::view).toList(), page.next());
        });
    }

    private static AttemptView view(Deliveries.Attempt a) {
        return new AttemptView(a.id(), a.attemptedAt(), a.status(), a.latencyMs(), a.responseBody(), a.error());
    }

    @PostMapping("/messages/{messageId}/resend")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @Operation(operationId = "resendWebhookMessage", summary = "Send one message again (delivered, failed or waiting for a retry), with the same webhook-id")
    Map<String, Object> resend(@PathVariable UUID tenantId, @PathVariable UUID endpointId, @PathVariable String messageId) {
        TenantAccess.require().requireWrite();
        MessageRef ref = MessageRef.parse(messageId);
        Deliveries.Message message = transactions.inTenant(tenantId, () -> {
            endpoints.find(tenantId, endpointId).orElseThrow(ManagingEndpoints::notFound);
            Deliveries.Message found = ref.find(deliveries, tenantId, endpointId)
                    .orElseThrow(() -> ApiProblem.notFound("webhook_message_not_found", "No such message"));
            return deliveries.resend(tenantId, endpointId, found.id(), clock.instant()) ? found : null;
        });
        if (message == null) {
            throw ApiProblem.conflict("webhook_message_in_flight", "The message is being sent right now");
        }
        signal.nudge();
        return Map.of("status", "pending", "id", message.id(), "messageId", StandardWebhooks.messageId(message.eventId()));
    }

    @PostMapping("/replay")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @Operation(operationId = "replayWebhookMessages", summary = "Send again every failed (dead-letter) message of the endpoint created since a time")
    Map<String, Object> replay(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
                               @Valid @RequestBody ReplayRequest body) {
        TenantAccess.require().requireWrite();
        int requeued = transactions.inTenant(tenantId, () -> {
            WebhookEndpoint endpoint = endpoints.find(tenantId, endpointId).orElseThrow(ManagingEndpoints::notFound);
            if (!endpoint.enabled()) {
                throw ApiProblem.conflict("webhook_endpoint_disabled", "Enable the endpoint before replaying to it");
            }
            return deliveries.replay(tenantId, endpointId, body.since(), clock.instant());
        });
        signal.nudge();
        return Map.of("requeued", requeued);
    }

    private List<MessageView> views(UUID tenantId, List<Deliveries.Message> rows) {
        Map<UUID, List<AttemptView>> attempts = deliveries.attempts(tenantId, rows.stream().map(Deliveries.Message::id)
                .toList()).stream().collect(Collectors.groupingBy(Deliveries.Attempt::deliveryId, Collectors.mapping(
                        WebhookMessageController::view, Collectors.toList())));
        return rows.stream().map(m -> new MessageView(m.id(), StandardWebhooks.messageId(m.eventId()), m.eventId(),
                m.eventType(), m.state(), m.attempts(), "pending".equals(m.state()) ? m.nextAttemptAt() : null,
                m.lastStatus(), m.lastError(), m.createdAt(), m.finishedAt(), json.readTree(m.payload()),
                attempts.getOrDefault(m.id(), List.of()))).toList();
    }
}
