package com.penguinmails.hub.oauth.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.oauth.OAuthConnectionExpired;
import com.penguinmails.hub.webhook.OutboundEvents;

/**
 * Tells the tenant's webhook endpoints that a connected account stopped working
 * ({@code oauth.connection_expired}), in the transaction that marked it expired.
 */
@Component
class ConnectionExpiryNotices {

    private final OutboundEvents outbound;

    ConnectionExpiryNotices(OutboundEvents outbound) {
        this.outbound = outbound;
    }

    @EventListener
    void on(OAuthConnectionExpired expired) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connectionId", expired.connectionId().toString());
        data.put("integrationId", expired.integrationId() == null ? null : expired.integrationId().toString());
        data.put("provider", expired.provider());
        data.put("accountEmail", expired.accountEmail());
        data.put("reason", expired.reason());
        data.put("at", expired.at().toString());
        outbound.publish(expired.tenantId(), "oauth.connection_expired", data);
    }

    /** The catalogue entry, apart from the listener: the catalogue must not depend on publishing. */
    @Component
    static class Catalogue implements com.penguinmails.hub.webhook.WebhookEventTypes {
        @Override
        public List<com.penguinmails.hub.webhook.WebhookEventType> eventTypes() {
            return List.of(new com.penguinmails.hub.webhook.WebhookEventType("oauth.connection_expired",
                    "A connected Google, Microsoft or HubSpot account can no longer be used (refresh token revoked or "
                            + "expired, or refreshes kept failing); the tenant must connect it again",
                    Map.of("type", "object", "required", List.of("connectionId", "provider", "reason"),
                            "properties", Map.of("connectionId", Map.of("type", "string"),
                                    "integrationId", Map.of("type", "string"), "provider", Map.of("type", "string"),
                                    "accountEmail", Map.of("type", "string"), "reason", Map.of("type", "string"),
                                    "at", Map.of("type", "string", "format", "date-time")))));
        }
    }
}
