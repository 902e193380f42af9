package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A PaymentIntent of the tenant.
 *
 * @param stateAt the Stripe time of the status (event {@code created}; the creation call's time for a new one)
 */
record Payment(UUID tenantId, String paymentIntentId, String stripeAccountId, long amount, String currency,
               Long applicationFeeAmount, String status, String failureCode, String failureMessage, String invoiceId,
               String description, Instant stateAt, Instant createdAt, Instant updatedAt) {

    static final String SUCCEEDED = "succeeded";
}
