package com.penguinmails.hub.support.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.webhook.WebhookEventType;
import com.penguinmails.hub.webhook.WebhookEventTypes;

/**
 * The support events a tenant's webhook endpoints can subscribe to: for tickets of that tenant, and —
 * on the desk tenant chosen by staff — {@code support.ticket_created} for every ticket of the desk
 * ({@code tenantId} then names the customer's tenant, null for an email-only sender).
 */
@Component
class SupportEventCatalogue implements WebhookEventTypes {

    static final String TICKET_CREATED = "support.ticket_created";
    static final String SLA_WARNING = "support.sla_warning";
    static final String SLA_BREACHED = "support.sla_breached";

    private static final Map<String, Object> TICKET = Map.of("type", "object",
            "required", List.of("ticketId", "number", "subject", "priority", "category", "channel", "status"),
            "properties", Map.ofEntries(
                    Map.entry("ticketId", Map.of("type", "string", "format", "uuid")),
                    Map.entry("number", Map.of("type", "string", "pattern", "^TKT-[0-9]{6,}$")),
                    Map.entry("subject", Map.of("type", "string")),
                    Map.entry("priority", Map.of("enum", List.of("low", "normal", "high", "urgent"))),
                    Map.entry("category", Map.of("type", "string")),
                    Map.entry("channel", Map.of("enum", List.of("web", "email", "api"))),
                    Map.entry("status", Map.of("type", "string")),
                    Map.entry("customerEmail", Map.of("type", "string")),
                    Map.entry("customerName", Map.of("type", List.of("string", "null"))),
                    Map.entry("tenantId", Map.of("type", List.of("string", "null"), "format", "uuid")),
                    Map.entry("userId", Map.of("type", List.of("string", "null"), "format", "uuid")),
                    Map.entry("createdAt", Map.of("type", "string", "format", "date-time"))));
    private static final Map<String, Object> SLA = Map.of("type", "object",
            "required", List.of("ticketId", "number", "target", "dueAt"),
            "properties", Map.of(
                    "ticketId", Map.of("type", "string", "format", "uuid"),
                    "number", Map.of("type", "string"),
                    "priority", Map.of("type", "string"),
                    "target", Map.of("enum", List.of("first_response", "resolution")),
                    "dueAt", Map.of("type", "string", "format", "date-time")));

    @Override
    public List<WebhookEventType> eventTypes() {
        return List.of(
                new WebhookEventType(TICKET_CREATED, "A support ticket was opened for the tenant (on the desk tenant: any ticket of the desk)", TICKET),
                new WebhookEventType(SLA_WARNING, "A ticket of the tenant reached 80% of an SLA target", SLA),
                new WebhookEventType(SLA_BREACHED, "A ticket of the tenant missed an SLA target", SLA));
    }
}
