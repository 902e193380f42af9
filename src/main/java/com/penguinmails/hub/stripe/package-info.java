/**
 * Stripe (Connect): the client for connected accounts, onboarding links and PaymentIntents
 * ({@link com.penguinmails.hub.stripe.StripeApi}, every call through the gateway, form-encoded with
 * stripe-java's encoder, each POST with an {@code Idempotency-Key}), the webhook source
 * ({@code Stripe-Signature}, docs/PROVIDERS.md §3.1) and the mapping of Stripe's event JSON into
 * {@link com.penguinmails.hub.stripe.StripeEvent} and its typed objects. What events do is the
 * billing module's business.
 */
package com.penguinmails.hub.stripe;
