package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.penguinmails.hub.stripe.StripeAccount;

/**
 * A tenant's connected account as the hub last knew it.
 *
 * @param capabilities   capability name → its status and the Stripe time it was set at
 * @param stateAt        the Stripe time of the state as a whole (account object or account.updated)
 */
record ConnectedAccount(UUID tenantId, String stripeAccountId, String country, String email, boolean livemode,
                        boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted,
                        List<String> requirementsDue, Map<String, CapabilityState> capabilities, Instant stateAt,
                        Instant createdAt, Instant updatedAt) {

    record CapabilityState(String status, Instant at) {
    }

    Map<String, String> capabilityStatuses() {
        Map<String, String> statuses = new TreeMap<>();
        capabilities.forEach((name, state) -> statuses.put(name, state.status()));
        return statuses;
    }

    /** Whether what a reader sees differs: the flags, the requirements or a capability's status. */
    boolean differsFrom(ConnectedAccount other) {
        return chargesEnabled != other.chargesEnabled || payoutsEnabled != other.payoutsEnabled
                || detailsSubmitted != other.detailsSubmitted || !requirementsDue.equals(other.requirementsDue)
                || !capabilityStatuses().equals(other.capabilityStatuses());
    }

    /**
     * An event's time against a stored state's: Stripe's {@code created} counts whole seconds, so an
     * event of the same second as a state the hub read from the API may be the newer one, and wins.
     */
    static boolean olderThan(Instant eventCreated, Instant storedAt) {
        return eventCreated.isBefore(storedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The account object read from Stripe (the request left at {@code readAt}, so the object shows at
     * least every change made before then) merged into this state. Each part — the account's flags and
     * requirements as a whole, and each capability — is replaced only when its stored time is from an
     * earlier second than {@code readAt}: an event stamped in that second or later may describe a change
     * the read did not see, and stays.
     */
    ConnectedAccount withStateRead(StripeAccount read, Instant readAt, Instant now) {
        boolean accountReplaced = seenBy(stateAt, readAt);
        Map<String, CapabilityState> merged = new TreeMap<>(capabilities);
        read.capabilities().forEach((name, status) -> {
            CapabilityState known = merged.get(name);
            if (known == null || seenBy(known.at(), readAt)) {
                merged.put(name, new CapabilityState(status, readAt));
            }
        });
        if (!accountReplaced && merged.equals(capabilities)) {
            return this;
        }
        return accountReplaced
                ? new ConnectedAccount(tenantId, stripeAccountId, country, email, livemode, read.chargesEnabled(),
                        read.payoutsEnabled(), read.detailsSubmitted(), read.requirementsDue(), merged, readAt,
                        createdAt, now)
                : new ConnectedAccount(tenantId, stripeAccountId, country, email, livemode, chargesEnabled,
                        payoutsEnabled, detailsSubmitted, requirementsDue, merged, stateAt, createdAt, now);
    }

    private static boolean seenBy(Instant storedAt, Instant readAt) {
        return storedAt.truncatedTo(ChronoUnit.SECONDS).isBefore(readAt.truncatedTo(ChronoUnit.SECONDS));
    }
}
