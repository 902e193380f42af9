package com.penguinmails.hub.webhook.internal;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.webhook.WebhookEventType;

/** The outbound event catalogue: every type endpoints can subscribe to, with the JSON schema of its data. */
@RestController
@Tag(name = "Outbound webhooks")
class EventTypeController {

    private final EventCatalogue catalogue;

    EventTypeController(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    record EventTypes(List<WebhookEventType> eventTypes) {
    }

    @GetMapping("/api/v1/webhook-event-types")
    @Operation(operationId = "listWebhookEventTypes", summary = "The event catalogue (signed-in users)")
    EventTypes list() {
        return new EventTypes(catalogue.all());
    }

    @GetMapping("/api/v1/tenants/{tenantId}/webhook-event-types")
    @RequiredScope(Scope.WEBHOOKS_READ)
    @Operation(operationId = "listTenantWebhookEventTypes", summary = "The event catalogue, for API keys with webhooks:read")
    EventTypes forTenant(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return new EventTypes(catalogue.all());
    }
}
