package com.penguinmails.hub.email.internal;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.internal.EmailApi.BatchRequest;
import com.penguinmails.hub.email.internal.EmailApi.BatchView;
import com.penguinmails.hub.email.internal.EmailApi.EventView;
import com.penguinmails.hub.email.internal.EmailApi.MessageView;
import com.penguinmails.hub.email.internal.EmailApi.RecipientView;
import com.penguinmails.hub.email.internal.EmailApi.SendRequest;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/emails")
@Tag(name = "Email", description = "Sending through the tenant's ESP, delivery status and event history")
class EmailController {

    private static final String KEY = "[A-Za-z0-9_.:-]{1,200}";

    private final QueueingEmail queueing;
    private final Messages messages;
    private final Recipients recipients;
    private final EventHistory history;
    private final TenantTransactions transactions;
    private final JsonMapper json;

    EmailController(QueueingEmail queueing, Messages messages, Recipients recipients, EventHistory history,
                    TenantTransactions transactions, JsonMapper json) {
        this.queueing = queueing;
        this.messages = messages;
        this.recipients = recipients;
        this.history = history;
        this.transactions = transactions;
        this.json = json;
    }

    @PostMapping
    @RequiredScope(Scope.EMAIL_SEND)
    @ApiResponse(responseCode = "200", description = "A repeated Idempotency-Key: the message queued the first time")
    @ApiResponse(responseCode = "202", description = "Queued")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "welcome", summary = "One message with HTML and text parts",
                    value = """
                        {
                          "from": "Ada <ada@example.com>",
                          "to": [
                            "grace@example.com"
                          ],
                          "subject": "Welcome aboard",
                          "html": "<p>Welcome, Grace!</p>",
                          "text": "Welcome, Grace!",
                          "campaignId": "welcome-2026",
                          "tags": [
                            "welcome"
                          ]
                        }""")}))
    @Operation(operationId = "sendEmail", summary = "Queue a message; the same Idempotency-Key answers with the same message, never a second send")
    ResponseEntity<MessageView> send(@PathVariable UUID tenantId, @Valid @RequestBody SendRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) @Pattern(regexp = KEY) String key) {
        TenantAccess.require().requireWrite().requireVerifiedEmail();
        QueueingEmail.Queued queued = queueing.send(tenantId, body, key);
        MessageView view = view(tenantId, queued.messages().get(0).id());
        return ResponseEntity.status(queued.replay() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/tenants/" + tenantId + "/emails/" + view.id())).body(view);
    }

    @PostMapping("/batch")
    @RequiredScope(Scope.EMAIL_SEND)
    @ApiResponse(responseCode = "200", description = "A repeated Idempotency-Key: the batch queued the first time")
    @ApiResponse(responseCode = "202", description = "Queued")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "newsletter", summary = "One message per recipient, each with its own variables",
                    value = """
                        {
                          "from": "Ada <ada@example.com>",
                          "subject": "This month at Analytical Engines",
                          "text": "Hello, here is the news.",
                          "campaignId": "newsletter-12",
                          "recipients": [
                            {
                              "email": "grace@example.com",
                              "recipientId": "r-1",
                              "variables": {
                                "name": "Grace"
                              }
                            },
                            {
                              "email": "alan@example.com",
                              "recipientId": "r-2",
                              "variables": {
                                "name": "Alan"
                              }
                            }
                          ]
                        }""")}))
    @Operation(operationId = "sendEmailBatch", summary = "Queue one message per recipient, each with its own variables; suppressed recipients are skipped and listed")
    ResponseEntity<BatchView> batch(@PathVariable UUID tenantId, @Valid @RequestBody BatchRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) @Pattern(regexp = KEY) String key) {
        TenantAccess.require().requireWrite().requireVerifiedEmail();
        QueueingEmail.Queued queued = queueing.sendBatch(tenantId, body, key);
        List<MessageView> views = views(tenantId, queued.messages().stream().map(Message::id).toList());
        return ResponseEntity.status(queued.replay() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(new BatchView(views, queued.suppressed()));
    }

    @GetMapping("/{messageId}")
    @RequiredScope(Scope.EMAIL_SEND)
    @Operation(operationId = "getEmail", summary = "A message with its recipients' status and its full event history")
    MessageView get(@PathVariable UUID tenantId, @PathVariable UUID messageId) {
        TenantAccess.require();
        return view(tenantId, messageId);
    }

    private MessageView view(UUID tenantId, UUID messageId) {
        return views(tenantId, List.of(messageId)).stream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("message_not_found", "No such message"));
    }

    /**
     * The views of messages, in the order asked, read in one transaction with one query per table (a batch of
     * 1,000 messages costs three queries, not three thousand); ids of no message of the tenant are left out.
     */
    private List<MessageView> views(UUID tenantId, List<UUID> messageIds) {
        return transactions.readInTenant(tenantId, () -> {
            java.util.Map<UUID, Message> found = new java.util.HashMap<>();
            messages.find(tenantId, messageIds).forEach(m -> found.put(m.id(), m));
            java.util.Map<UUID, List<Recipients.Recipient>> to = recipients.ofMessages(tenantId, List.copyOf(found.keySet()));
            java.util.Map<UUID, List<EventHistory.Stored>> events = history.ofMessages(tenantId, found.keySet());
            return messageIds.stream().filter(found::containsKey).map(id -> view(found.get(id),
                    to.getOrDefault(id, List.of()), events.getOrDefault(id, List.of()))).toList();
        });
    }

    private MessageView view(Message m, List<Recipients.Recipient> recipients, List<EventHistory.Stored> events) {
        return new MessageView(m.id(), m.status(), m.statusAt(), m.from(), m.subject(), m.campaignId(), m.recipientId(),
                m.tags(), m.integrationId(), m.connectionId(), m.provider(), m.providerMessageId(), m.failoverUsed(),
                m.attempts(), m.lastError(), m.createdAt(), m.sentAt(),
                recipients.stream().map(r -> new RecipientView(r.address(), r.kind(), r.status(), r.statusReason(),
                        r.statusAt(), r.openedAt(), r.clickedAt(), r.complainedAt(), r.unsubscribedAt())).toList(),
                events.stream().map(e -> new EventView(e.id(), e.recipient(), e.type(), e.bounceKind(), e.provider(),
                        e.providerEventId(), e.occurredAt(), e.recordedAt(), json.readTree(e.detailsJson()))).toList());
    }
}
