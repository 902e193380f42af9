package com.penguinmails.hub.gateway.internal;

import java.time.Duration;

import com.penguinmails.hub.gateway.IntegrationError;

/**
 * One attempt that did not succeed, as it travels through the retry loop.
 *
 * @param local         refused by the hub itself (rate limit reached, circuit open): nothing was sent
 * @param notProcessed  the provider surely did not act on the request (429, or it was never sent),
 *                      so even a POST without an idempotency key may be sent again
 */
final class AttemptFailed extends RuntimeException {

    final transient IntegrationError error;
    final boolean local;
    final String outcome;
    final boolean notProcessed;
    final String providerRequestId;

    private AttemptFailed(IntegrationError error, boolean local, String outcome, boolean notProcessed,
                          String providerRequestId) {
        super(error.message(), null, false, false);
        this.error = error;
        this.local = local;
        this.outcome = outcome;
        this.notProcessed = notProcessed;
        this.providerRequestId = providerRequestId;
    }

    static AttemptFailed local(IntegrationError error, String outcome) {
        return new AttemptFailed(error, true, outcome, true, null);
    }

    static AttemptFailed atProvider(IntegrationError error, boolean notProcessed, String providerRequestId) {
        return new AttemptFailed(error, false, error.type().value(), notProcessed, providerRequestId);
    }

    /** Whether the gateway itself should try again (rather than hand the error to the caller). */
    boolean retryHere(boolean resendable, Duration maxRetryWait) {
        return !local && error.retryable() && (resendable || notProcessed)
                && (error.retryAfter() == null || error.retryAfter().compareTo(maxRetryWait) <= 0);
    }
}
