package com.penguinmails.hub.stripe;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A connected account as Stripe describes it.
 *
 * @param requirementsDue what Stripe needs now: {@code requirements.currently_due} and {@code past_due}
 * @param capabilities    capability name → status ({@code inactive}, {@code pending}, {@code active})
 */
public record StripeAccount(String id, String email, String country, boolean livemode, boolean chargesEnabled,
                            boolean payoutsEnabled, boolean detailsSubmitted, List<String> requirementsDue,
                            Map<String, String> capabilities) {

    public StripeAccount {
        requirementsDue = List.copyOf(requirementsDue);
        capabilities = Map.copyOf(capabilities);
    }

    /** Reads an {@code account} object. */
    public static StripeAccount from(JsonNode account) {
        java.util.LinkedHashSet<String> due = new java.util.LinkedHashSet<>();
        due.addAll(StripeJson.strings(account.path("requirements").path("currently_due")));
        due.addAll(StripeJson.strings(account.path("requirements").path("past_due")));
        Map<String, String> capabilities = new java.util.TreeMap<>();
        JsonNode caps = account.path("capabilities");
        if (caps.isObject()) {
            for (var entry : caps.properties()) {
                if (entry.getValue().isString()) {
                    capabilities.put(entry.getKey(), entry.getValue().asString());
                }
            }
        }
        return new StripeAccount(StripeJson.text(account, "id"), StripeJson.text(account, "email"),
                StripeJson.text(account, "country"), account.path("livemode").asBoolean(false),
                account.path("charges_enabled").asBoolean(false), account.path("payouts_enabled").asBoolean(false),
                account.path("details_submitted").asBoolean(false), List.copyOf(due), capabilities);
    }
}
