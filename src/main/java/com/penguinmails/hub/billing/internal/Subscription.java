package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * The tenant's subscription as Stripe's events report it.
 *
 * @param status   {@code active} or {@code past_due}
 * @param statusAt the Stripe time (event {@code created}) of the event that set the status
 */
record Subscription(UUID tenantId, String stripeSubscriptionId, String status, Instant currentPeriodStart,
                    Instant currentPeriodEnd, int failedAttempts, String latestInvoiceId, Instant statusAt,
                    Instant updatedAt) {

    static final String ACTIVE = "active";
    static final String PAST_DUE = "past_due";
}
