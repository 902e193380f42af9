package com.penguinmails.hub.stripe;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An {@code invoice} object, as much of it as billing keeps. The subscription is read from
 * {@code subscription} (older API versions) or {@code parent.subscription_details.subscription}
 * (newer ones); the period is the first line's {@code period} (the subscription's service period),
 * else the invoice's {@code period_start}/{@code period_end}.
 *
 * @param attemptCount Stripe's own count of payment attempts for this invoice
 */
public record StripeInvoice(String id, String subscription, String customer, String status, long amountDue,
                            long amountPaid, String currency, int attemptCount, Instant periodStart,
                            Instant periodEnd, Map<String, String> metadata) {

    public StripeInvoice {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static StripeInvoice from(JsonNode invoice) {
        String subscription = StripeJson.id(invoice.get("subscription"));
        if (subscription == null) {
            subscription = StripeJson.id(invoice.path("parent").path("subscription_details").get("subscription"));
        }
        JsonNode period = invoice.path("lines").path("data").path(0).path("period");
        Instant start = StripeJson.epoch(period.get("start"));
        Instant end = StripeJson.epoch(period.get("end"));
        if (start == null || end == null) {
            start = StripeJson.epoch(invoice.get("period_start"));
            end = StripeJson.epoch(invoice.get("period_end"));
        }
        return new StripeInvoice(StripeJson.text(invoice, "id"), subscription, StripeJson.id(invoice.get("customer")),
                StripeJson.text(invoice, "status"), invoice.path("amount_due").asLong(0),
                invoice.path("amount_paid").asLong(0), StripeJson.text(invoice, "currency"),
                invoice.path("attempt_count").asInt(0), start, end, StripeJson.metadata(invoice));
    }
}
