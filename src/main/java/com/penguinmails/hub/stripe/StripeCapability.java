package com.penguinmails.hub.stripe;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** A {@code capability} object: one capability ({@code card_payments}, {@code transfers}) of an account. */
public record StripeCapability(String name, String account, String status, List<String> requirementsDue) {

    public static StripeCapability from(JsonNode capability) {
        java.util.LinkedHashSet<String> due = new java.util.LinkedHashSet<>();
        due.addAll(StripeJson.strings(capability.path("requirements").path("currently_due")));
        due.addAll(StripeJson.strings(capability.path("requirements").path("past_due")));
        return new StripeCapability(StripeJson.text(capability, "id"), StripeJson.text(capability, "account"),
                StripeJson.text(capability, "status"), List.copyOf(due));
    }
}
