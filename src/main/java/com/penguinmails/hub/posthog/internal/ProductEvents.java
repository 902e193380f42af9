package com.penguinmails.hub.posthog.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.IntegrationStatusChanged;
import com.penguinmails.hub.posthog.AnalyticsEvent;
import com.penguinmails.hub.posthog.ProductAnalytics;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantCreated;
import com.penguinmails.hub.tenancy.UserSignedUp;

/**
 * Reports what other modules announce, once their transaction has committed (a rolled-back sign-up
 * was never a sign-up): {@code user_signed_up} with the user identified ({@code $set} email and
 * name), {@code tenant_created} with the organisation group set up, and
 * {@code integration_connected} / {@code integration_failing} when an integration becomes active or
 * goes into error.
 */
@Component
class ProductEvents {

    private final ProductAnalytics analytics;

    ProductEvents(ProductAnalytics analytics) {
        this.analytics = analytics;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(UserSignedUp signedUp) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("email", signedUp.email());
        set.put("name", signedUp.name());
        analytics.identify(signedUp.userId(), null, set);
        analytics.capture(new AnalyticsEvent("user_signed_up", signedUp.userId().toString(), Map.of(), null, null));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TenantCreated created) {
        analytics.group(created.tenantId(), Map.of("name", created.name()));
        analytics.capture(new AnalyticsEvent("tenant_created", created.ownerId().toString(),
                Map.of("tenant_id", created.tenantId().toString()), null, created.tenantId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IntegrationStatusChanged changed) {
        String event = changed.to() == IntegrationStatus.ERROR ? "integration_failing"
                : changed.to() == IntegrationStatus.ACTIVE ? "integration_connected" : null;
        if (event == null) {
            return;
        }
        // a person when a user did it; the organisation itself when the hub did (gateway, health check)
        String distinctId = CurrentUser.get().map(user -> user.id().toString())
                .orElse(AnalyticsEvent.organizationId(changed.tenantId()));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("integration_id", changed.integrationId().toString());
        properties.put("provider", changed.provider());
        properties.put("from_status", changed.from().value());
        properties.put("to_status", changed.to().value());
        properties.put("changed_by", changed.changedBy().name().toLowerCase());
        analytics.capture(new AnalyticsEvent(event, distinctId, properties, changed.at(), changed.tenantId()));
    }
}
