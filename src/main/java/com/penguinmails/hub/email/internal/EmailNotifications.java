package com.penguinmails.hub.email.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.penguinmails.hub.email.EmailEventRecorded;
import com.penguinmails.hub.email.EmailEventType;
import com.penguinmails.hub.email.MessageSent;
import com.penguinmails.hub.posthog.AnalyticsEvent;
import com.penguinmails.hub.posthog.ProductAnalytics;
import com.penguinmails.hub.webhook.OutboundEvents;

/**
 * Tells the world what happened to a message: an outbound webhook ({@code email.sent},
 * {@code email.delivered}, …) written in the same transaction as the change (the delivery outbox),
 * and, after commit, the guide's analytics events ({@code campaign_sent}, {@code campaign_opened}).
 */
@Component
class EmailNotifications {

    private final OutboundEvents outbound;
    private final ProductAnalytics analytics;

    EmailNotifications(OutboundEvents outbound, ProductAnalytics analytics) {
        this.outbound = outbound;
        this.analytics = analytics;
    }

    @EventListener
    void on(MessageSent sent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", sent.messageId().toString());
        data.put("provider", sent.provider());
        data.put("providerMessageId", sent.providerMessageId());
        data.put("campaignId", sent.campaignId());
        data.put("recipients", sent.recipients());
        data.put("failover", sent.failover());
        outbound.publish(sent.tenantId(), "email.sent", data);
    }

    @EventListener
    void on(EmailEventRecorded recorded) {
        var event = recorded.event();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", recorded.messageId().toString());
        data.put("recipient", event.recipient() == null ? null : event.recipient().toLowerCase(java.util.Locale.ROOT));
        data.put("status", recorded.recipientStatus());
        data.put("messageStatus", recorded.messageStatus());
        data.put("campaignId", event.campaignId());
        data.put("recipientId", event.recipientId());
        data.put("provider", event.provider());
        data.put("occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        data.put("bounceKind", event.bounceKind());
        data.put("details", event.details());
        outbound.publish(recorded.tenantId(), "email." + event.type().value(), data);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void analytics(MessageSent sent) {
        if (sent.campaignId() != null) {
            analytics.capture(new AnalyticsEvent("campaign_sent", AnalyticsEvent.organizationId(sent.tenantId()),
                    Map.of("campaign_id", sent.campaignId(), "recipient_count", sent.recipients(),
                            "provider", sent.provider()), null, sent.tenantId()));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void analytics(EmailEventRecorded recorded) {
        var event = recorded.event();
        if (event.type() == EmailEventType.OPENED && event.campaignId() != null) {
            analytics.campaignOpened(recorded.tenantId(), event.campaignId(),
                    event.recipientId() == null ? "" : event.recipientId(), event.occurredAt());
        }
    }
}
