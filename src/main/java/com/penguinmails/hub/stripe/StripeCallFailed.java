package com.penguinmails.hub.stripe;

/**
 * Stripe did not give the answer asked for.
 *
 * @param status      Stripe's HTTP status, or null when no answer came (network, breaker open)
 * @param refusedData true when Stripe refused the request's content (4xx other than auth and rate limits):
 *                    the caller's input, not an outage
 */
public class StripeCallFailed extends RuntimeException {

    private final Integer status;
    private final boolean refusedData;

    public StripeCallFailed(String message, Integer status, boolean refusedData) {
        super(message, null, false, false);
        this.status = status;
        this.refusedData = refusedData;
    }

    public Integer status() {
        return status;
    }

    public boolean refusedData() {
        return refusedData;
    }
}
