package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.webhook.OutboundEvents;
import com.penguinmails.hub.webhook.WebhookEventType;
import com.penguinmails.hub.webhook.WebhookEventTypes;

/** The billing events tenants' endpoints hear, published in the transaction that made the change. */
@Component
class BillingEvents {

    static final String PAYMENT_SUCCEEDED = "billing.payment_succeeded";
    static final String PAYMENT_FAILED = "billing.payment_failed";
    static final String SUBSCRIPTION_CHANGED = "billing.subscription_changed";
    static final String ACCOUNT_UPDATED = "billing.account_updated";

    private final OutboundEvents outbound;

    BillingEvents(OutboundEvents outbound) {
        this.outbound = outbound;
    }

    void paymentSucceeded(UUID tenantId, Payment p, String eventId) {
        outbound.publish(tenantId, PAYMENT_SUCCEEDED, payment(p, eventId));
    }

    void paymentFailed(UUID tenantId, Payment p, String eventId) {
        outbound.publish(tenantId, PAYMENT_FAILED, payment(p, eventId));
    }

    void invoicePaymentFailed(UUID tenantId, com.penguinmails.hub.stripe.StripeInvoice invoice, String eventId,
                              Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoiceId", invoice.id());
        data.put("subscriptionId", invoice.subscription());
        data.put("amount", invoice.amountDue());
        data.put("currency", invoice.currency());
        data.put("attemptCount", invoice.attemptCount());
        data.put("stripeEventId", eventId);
        data.put("occurredAt", at.toString());
        outbound.publish(tenantId, PAYMENT_FAILED, data);
    }

    void subscriptionChanged(UUID tenantId, Subscription s, String previousStatus, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", s.stripeSubscriptionId());
        data.put("status", s.status());
        data.put("previousStatus", previousStatus);
        data.put("currentPeriodStart", s.currentPeriodStart() == null ? null : s.currentPeriodStart().toString());
        data.put("currentPeriodEnd", s.currentPeriodEnd() == null ? null : s.currentPeriodEnd().toString());
        data.put("failedAttempts", s.failedAttempts());
        data.put("latestInvoiceId", s.latestInvoiceId());
        data.put("stripeEventId", eventId);
        data.put("occurredAt", s.statusAt().toString());
        outbound.publish(tenantId, SUBSCRIPTION_CHANGED, data);
    }

    void accountUpdated(UUID tenantId, ConnectedAccount a, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", a.stripeAccountId());
        data.put("chargesEnabled", a.chargesEnabled());
        data.put("payoutsEnabled", a.payoutsEnabled());
        data.put("detailsSubmitted", a.detailsSubmitted());
        data.put("requirementsDue", a.requirementsDue());
        data.put("capabilities", a.capabilityStatuses());
        data.put("stripeEventId", eventId);
        data.put("occurredAt", a.stateAt().toString());
        outbound.publish(tenantId, ACCOUNT_UPDATED, data);
    }

    private static Map<String, Object> payment(Payment p, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paymentIntentId", p.paymentIntentId());
        data.put("accountId", p.stripeAccountId());
        data.put("amount", p.amount());
        data.put("currency", p.currency());
        data.put("applicationFeeAmount", p.applicationFeeAmount());
        data.put("status", p.status());
        data.put("failureCode", p.failureCode());
        data.put("failureMessage", p.failureMessage());
        data.put("invoiceId", p.invoiceId());
        data.put("stripeEventId", eventId);
        data.put("occurredAt", p.stateAt().toString());
        return data;
    }

    /** The catalogue entries, apart from publishing: the catalogue must not depend on it. */
    @Component
    static class Catalogue implements WebhookEventTypes {

        private static final Map<String, Object> STRING = Map.of("type", "string");
        private static final Map<String, Object> NULLABLE_STRING = Map.of("type", List.of("string", "null"));
        private static final Map<String, Object> INTEGER = Map.of("type", "integer");
        private static final Map<String, Object> TIME = Map.of("type", "string", "format", "date-time");
        private static final Map<String, Object> NULLABLE_TIME = Map.of("type", List.of("string", "null"),
                "format", "date-time");

        @Override
        public List<WebhookEventType> eventTypes() {
            Map<String, Object> payment = Map.of("type", "object",
                    "required", List.of("amount", "currency", "occurredAt"),
                    "properties", Map.ofEntries(
                            Map.entry("paymentIntentId", NULLABLE_STRING), Map.entry("invoiceId", NULLABLE_STRING),
                            Map.entry("subscriptionId", NULLABLE_STRING), Map.entry("accountId", NULLABLE_STRING),
                            Map.entry("amount", Map.of("type", "integer", "description", "minor units")),
                            Map.entry("currency", Map.of("type", "string", "pattern", "^[a-z]{3}$")),
                            Map.entry("applicationFeeAmount", Map.of("type", List.of("integer", "null"))),
                            Map.entry("status", NULLABLE_STRING), Map.entry("failureCode", NULLABLE_STRING),
                            Map.entry("failureMessage", NULLABLE_STRING),
                            Map.entry("attemptCount", INTEGER), Map.entry("stripeEventId", NULLABLE_STRING),
                            Map.entry("occurredAt", TIME)));
            return List.of(
                    new WebhookEventType(PAYMENT_SUCCEEDED, "A payment on the tenant's connected account succeeded "
                            + "(Stripe payment_intent.succeeded)", payment),
                    new WebhookEventType(PAYMENT_FAILED, "A payment failed: a PaymentIntent (payment_intent.payment_failed, "
                            + "with Stripe's reason) or an invoice (invoice.payment_failed, with the attempt count)", payment),
                    new WebhookEventType(SUBSCRIPTION_CHANGED, "The tenant's subscription changed status or period "
                            + "(active after a payment, past_due after a failed invoice)", Map.of("type", "object",
                            "required", List.of("status", "occurredAt"),
                            "properties", Map.of("subscriptionId", NULLABLE_STRING,
                                    "status", Map.of("enum", List.of("active", "past_due")),
                                    "previousStatus", Map.of("enum", java.util.Arrays.asList("active", "past_due", null)),
                                    "currentPeriodStart", NULLABLE_TIME, "currentPeriodEnd", NULLABLE_TIME,
                                    "failedAttempts", INTEGER, "latestInvoiceId", NULLABLE_STRING,
                                    "stripeEventId", NULLABLE_STRING, "occurredAt", TIME))),
                    new WebhookEventType(ACCOUNT_UPDATED, "The tenant's Stripe connected account changed (charges or "
                            + "payouts enabled, requirements due, capabilities)", Map.of("type", "object",
                            "required", List.of("accountId", "chargesEnabled", "payoutsEnabled"),
                            "properties", Map.of("accountId", STRING, "chargesEnabled", Map.of("type", "boolean"),
                                    "payoutsEnabled", Map.of("type", "boolean"),
                                    "detailsSubmitted", Map.of("type", "boolean"),
                                    "requirementsDue", Map.of("type", "array", "items", STRING),
                                    "capabilities", Map.of("type", "object", "additionalProperties", STRING),
                                    "stripeEventId", NULLABLE_STRING, "occurredAt", TIME))));
        }
    }
}
