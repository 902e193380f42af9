package com.penguinmails.hub.billing.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.stripe.StripeApi;
import com.penguinmails.hub.stripe.StripePaymentIntent;

/**
 * PaymentIntents on the tenant's connected account (direct charges, {@code Stripe-Account}), with the
 * platform's application fee from {@link ApplicationFee}. The Stripe {@code Idempotency-Key} is derived
 * from the caller's own {@code Idempotency-Key}, so a client retrying the same logical request gets the
 * same PaymentIntent back from Stripe; without one, the gateway makes a key that it keeps for its retries.
 *
 * <p>Direct charges because {@code Stripe-Account} is the one way of acting for a connected account the
 * protocol reference documents; destination charges ({@code transfer_data[destination]}) are not, so
 * the hub does not make them (README, "Direct charges, and why not destination charges").
 */
@Service
class TakingPayments {

    private final StripeApi stripe;
    private final ConnectingStripeAccounts connecting;
    private final Payments payments;
    private final TenantTransactions transactions;
    private final Clock clock;

    TakingPayments(StripeApi stripe, ConnectingStripeAccounts connecting, Payments payments, TenantTransactions transactions,
                   Clock clock) {
        this.stripe = stripe;
        this.connecting = connecting;
        this.payments = payments;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Taken(Payment payment, String clientSecret, BigDecimal feePercent) {
        @Override
        public String toString() {
            return "Taken[" + payment.paymentIntentId() + "]";
        }
    }

    Taken create(UUID tenantId, long amount, String currency, String description, String clientKey) {
        ConnectedAccount account = connecting.require(tenantId);
        BigDecimal percent = stripe.applicationFeePercent(tenantId);
        long fee = ApplicationFee.of(amount, percent);
        String key = clientKey == null ? null : "hub-pi-" + sha256(tenantId + "\n" + clientKey);
        StripePaymentIntent intent = stripe.createPaymentIntent(tenantId, new StripeApi.PaymentIntentRequest(
                account.stripeAccountId(), amount, currency, fee, description, Map.of()), key);
        Instant now = clock.instant();
        Payment created = new Payment(tenantId, intent.id(), account.stripeAccountId(), intent.amount(),
                intent.currency() == null ? currency : intent.currency(),
                intent.applicationFeeAmount() == null ? fee : intent.applicationFeeAmount(),
                intent.status() == null ? "requires_payment_method" : intent.status(), null, null, intent.invoice(),
                description, now, now, now);
        Payment stored = transactions.inTenant(tenantId, () -> {
            payments.insertIfAbsent(created, now);
            return payments.find(tenantId, intent.id()).orElseThrow();
        });
        return new Taken(stored, intent.clientSecret(), percent);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
