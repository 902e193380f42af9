package com.penguinmails.hub.webhook.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.IdempotentCreates;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.EndpointPage;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.EndpointRequest;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.EndpointView;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.EndpointWithSecret;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.RetryPolicyView;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.RotateRequest;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/webhook-endpoints")
@Tag(name = "Outbound webhooks", description = "The tenant's webhook endpoints")
class WebhookEndpointController {

    private final ManagingEndpoints managing;
    private final WebhookEndpoints endpoints;
    private final PublishingEvents publishing;
    private final TenantTransactions transactions;
    private final IdempotentCreates idempotent;

    WebhookEndpointController(ManagingEndpoints managing, WebhookEndpoints endpoints, PublishingEvents publishing,
                              TenantTransactions transactions, IdempotentCreates idempotent) {
        this.managing = managing;
        this.endpoints = endpoints;
        this.publishing = publishing;
        this.transactions = transactions;
        this.idempotent = idempotent;
    }

    @PostMapping
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @ApiResponse(responseCode = "201", description = "Created; the signing secret is in this answer only")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "orders", summary = "Email delivery events to an HTTPS receiver, with a header of its own",
                    value = """
                        {
                          "url": "https://hooks.example.com/penguinmails",
                          "description": "Order system",
                          "eventTypes": [
                            "email.delivered",
                            "email.bounced"
                          ],
                          "headers": {
                            "X-Customer": "acme"
                          }
                        }""")}))
    @Operation(operationId = "createWebhookEndpoint", summary = "Create an endpoint; its signing secret is in this answer only")
    ResponseEntity<EndpointWithSecret> create(@PathVariable UUID tenantId, @Valid @RequestBody EndpointRequest body,
                                              @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Size(max = 200)
                                              @Pattern(regexp = IdempotentCreates.KEY_PATTERN) String key) {
        TenantAccess.require().requireWrite();
        return idempotent.once(tenantId, "createWebhookEndpoint", key, body, EndpointWithSecret.class, () -> {
            ManagingEndpoints.Created created = managing.create(tenantId, body);
            return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/webhook-endpoints/"
                    + created.endpoint().id())).body(new EndpointWithSecret(view(created.endpoint()), created.secret()));
        });
    }

    @GetMapping
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "listWebhookEndpoints", summary = "The tenant's endpoints, oldest first, with cursor pagination")
    EndpointPage list(@PathVariable UUID tenantId,
                      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_=-]{1,200}") String cursor,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        TenantAccess.require();
        PageCursor after = PageCursor.parse(cursor);
        List<WebhookEndpoint> rows = transactions.readInTenant(tenantId,
                () -> endpoints.page(tenantId, after.at(), after.id(), limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = new PageCursor(rows.get(limit - 1).createdAt(), rows.get(limit - 1).id()).encode();
        }
        return new EndpointPage(rows.stream().map(WebhookEndpointController::view).toList(), next);
    }

    @GetMapping("/{endpointId}")
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "getWebhookEndpoint", summary = "One endpoint (never its secret)")
    EndpointView get(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> endpoints.find(tenantId, endpointId))
                .map(WebhookEndpointController::view).orElseThrow(ManagingEndpoints::notFound);
    }

    @PutMapping("/{endpointId}")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @Operation(operationId = "updateWebhookEndpoint", summary = "Replace an endpoint's settings; enabling a disabled endpoint clears its failure state")
    EndpointView update(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
                        @Valid @RequestBody EndpointRequest body) {
        TenantAccess.require().requireWrite();
        return view(managing.update(tenantId, endpointId, body));
    }

    @DeleteMapping("/{endpointId}")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete an endpoint with its messages")
    ResponseEntity<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        TenantAccess.require().requireWrite();
        managing.delete(tenantId, endpointId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{endpointId}/secret/rotate")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @Operation(operationId = "rotateWebhookEndpointSecret", summary = "Replace the signing secret; the previous one keeps signing too for the overlap (default 24h)")
    EndpointWithSecret rotate(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
                              @Valid @RequestBody(required = false) RotateRequest body) {
        TenantAccess.require().requireWrite();
        ManagingEndpoints.Created rotated = managing.rotate(tenantId, endpointId, body == null ? null : body.overlap());
        return new EndpointWithSecret(view(rotated.endpoint()), rotated.secret());
    }

    @PostMapping("/{endpointId}/test")
    @RequiredScope(Scope.WEBHOOKS_WRITE)
    @ApiResponse(responseCode = "202", description = "The test event is queued for delivery")
    @Operation(operationId = "testWebhookEndpoint", summary = "Send a webhook.test event to this endpoint, whatever it subscribes to")
    ResponseEntity<Map<String, Object>> test(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        TenantAccess.require().requireWrite();
        UUID eventId = transactions.inTenant(tenantId, () -> {
            WebhookEndpoint endpoint = endpoints.find(tenantId, endpointId).orElseThrow(ManagingEndpoints::notFound);
            if (!endpoint.enabled()) {
                throw ApiProblem.conflict("webhook_endpoint_disabled", "Enable the endpoint before testing it");
            }
            return publishing.publishTo(endpoint, OwnEventTypes.TEST, Map.of("endpointId", endpointId,
                    "message", "Hello from PenguinMails"));
        });
        return ResponseEntity.accepted().body(Map.of("eventId", eventId,
                "messageId", StandardWebhooks.messageId(eventId)));
    }

    static EndpointView view(WebhookEndpoint e) {
        RetryPolicyView policy = e.retryPolicy() == null ? null : new RetryPolicyView(
                e.retryPolicy().schedule().stream().map(Duration::toString).toList(), e.retryPolicy().retryClientErrors());
        return new EndpointView(e.id(), e.url(), e.description(), e.eventTypes(), e.headers(), policy,
                e.rateLimitPerSecond(), e.filters(), e.enabled(), e.ordered(), e.disabledReason(), e.disabledAt(),
                e.failingSince(), e.lastSuccessAt(), e.previousSecret() == null ? null : e.previousSecretUntil(),
                e.createdAt(), e.updatedAt());
    }
}
