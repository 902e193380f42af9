package com.penguinmails.hub.stripe;

/** The tenant has no usable stripe integration and the platform has no Stripe key. */
public class StripeNotConfigured extends RuntimeException {

    public StripeNotConfigured(String message) {
        super(message, null, false, false);
    }
}
