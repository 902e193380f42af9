package com.penguinmails.hub.stripe;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe Connect calls made for a tenant. Each goes through the gateway with the tenant's stripe
 * integration (its secret key, rate limits, breaker) when it has an active one, else with the
 * platform's key ({@code hub.stripe.secret-key}). Every POST carries an {@code Idempotency-Key}
 * that stays the same on the gateway's retries.
 *
 * @throws StripeNotConfigured when neither key exists
 * @throws StripeCallFailed    when Stripe refused or could not be reached
 */
public interface StripeApi {

    /**
     * {@code POST /v1/accounts} type {@code express} with {@code card_payments} and {@code transfers}
     * requested. The idempotency key is derived from the tenant, country and email, so repeating the
     * same creation (after a crash, within Stripe's 24 h) gets the same account back.
     */
    StripeAccount createExpressAccount(UUID tenantId, String country, String email);

    /** {@code GET /v1/accounts/{id}}: the account's current state. */
    StripeAccount retrieveAccount(UUID tenantId, String accountId);

    /** {@code POST /v1/account_links} type {@code account_onboarding}. */
    AccountLink createOnboardingLink(UUID tenantId, String accountId, URI refreshUrl, URI returnUrl);

    /**
     * {@code POST /v1/payment_intents} on the connected account ({@code Stripe-Account} header, a direct
     * charge) with {@code application_fee_amount}.
     *
     * @param idempotencyKey the Stripe key; the same logical request must pass the same key
     */
    StripePaymentIntent createPaymentIntent(UUID tenantId, PaymentIntentRequest request, String idempotencyKey);

    /** The tenant's platform fee in percent: its stripe integration's {@code applicationFeePercent}, else the default. */
    BigDecimal applicationFeePercent(UUID tenantId);

    /**
     * @param amount               minor units
     * @param applicationFeeAmount minor units
     */
    record PaymentIntentRequest(String connectedAccountId, long amount, String currency, long applicationFeeAmount,
                                String description, Map<String, String> metadata) {
    }
}
