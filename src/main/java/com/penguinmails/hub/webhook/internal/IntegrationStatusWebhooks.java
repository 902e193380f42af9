package com.penguinmails.hub.webhook.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.IntegrationStatusChanged;
import com.penguinmails.hub.webhook.OutboundEvents;

/**
 * Tells the tenant's endpoints when an integration changes status. {@code IntegrationStatusChanged}
 * is published inside the status-change transaction, and this listener runs synchronously in it, so
 * the deliveries commit (or roll back) with the change.
 */
@Component
class IntegrationStatusWebhooks {

    private final OutboundEvents events;

    IntegrationStatusWebhooks(OutboundEvents events) {
        this.events = events;
    }

    @EventListener
    void on(IntegrationStatusChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("integrationId", changed.integrationId());
        data.put("provider", changed.provider());
        data.put("from", changed.from().value());
        data.put("to", changed.to().value());
        data.put("changedBy", changed.changedBy().name().toLowerCase());
        data.put("reason", changed.reason());
        data.put("at", changed.at().toString());
        events.publish(changed.tenantId(), OwnEventTypes.INTEGRATION_STATUS_CHANGED, data);
    }
}
