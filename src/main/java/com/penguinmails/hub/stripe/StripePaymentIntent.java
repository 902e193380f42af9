package com.penguinmails.hub.stripe;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A {@code payment_intent} object, as much of it as billing keeps.
 *
 * @param amount               in the currency's minor units
 * @param applicationFeeAmount the platform's fee in minor units, or null
 * @param failureCode          {@code last_payment_error.decline_code}, else its {@code code}
 * @param failureMessage       {@code last_payment_error.message}: Stripe's reason
 * @param clientSecret         what the customer's browser confirms the payment with; never logged
 */
public record StripePaymentIntent(String id, long amount, String currency, Long applicationFeeAmount, String status,
                                  String failureCode, String failureMessage, String invoice, String description,
                                  String clientSecret, Map<String, String> metadata) {

    public StripePaymentIntent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static StripePaymentIntent from(JsonNode intent) {
        JsonNode error = intent.path("last_payment_error");
        String code = StripeJson.text(error, "decline_code");
        if (code == null) {
            code = StripeJson.text(error, "code");
        }
        JsonNode fee = intent.get("application_fee_amount");
        return new StripePaymentIntent(StripeJson.text(intent, "id"), intent.path("amount").asLong(0),
                StripeJson.text(intent, "currency"), fee != null && fee.isNumber() ? fee.asLong() : null,
                StripeJson.text(intent, "status"), code, StripeJson.text(error, "message"),
                StripeJson.id(intent.get("invoice")), StripeJson.text(intent, "description"),
                StripeJson.text(intent, "client_secret"), StripeJson.metadata(intent));
    }

    @Override
    public String toString() {
        return "StripePaymentIntent[" + id + ", " + amount + " " + currency + ", " + status + "]";
    }
}
