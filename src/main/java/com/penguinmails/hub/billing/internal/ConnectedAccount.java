package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        Map<String, String> statuses = new java.util.TreeMap<>();
        capabilities.forEach((name, state) -> statuses.put(name, state.status()));
        return statuses;
    }
}
