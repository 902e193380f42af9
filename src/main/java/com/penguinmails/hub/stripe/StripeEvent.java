package com.penguinmails.hub.stripe;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * A Stripe API v1 ("snapshot") event as stored in the inbox: its id ({@code evt_…}), type, Stripe's
 * {@code created} time (the order billing decides by, never the arrival), the connected account it
 * came from ({@code account}, only on Connect events) and {@code data.object}.
 */
public record StripeEvent(String id, String type, Instant created, String account, boolean livemode, JsonNode object) {

    /** The metadata key the hub puts on objects it creates, naming the tenant they belong to. */
    public static final String TENANT_METADATA = "hub_tenant_id";

    /**
     * Reads an event.
     *
     * @throws IllegalArgumentException when it is not a v1 event with an id, a type, {@code created} and an object
     */
    public static StripeEvent from(JsonNode event) {
        if (event == null || !event.isObject() || !"event".equals(StripeJson.text(event, "object"))) {
            throw new IllegalArgumentException("not a Stripe v1 event");
        }
        String id = StripeJson.text(event, "id");
        String type = StripeJson.text(event, "type");
        Instant created = StripeJson.epoch(event.get("created"));
        JsonNode object = event.path("data").path("object");
        if (id == null || id.isBlank() || id.length() > 255 || type == null || type.isBlank() || created == null
                || !object.isObject()) {
            throw new IllegalArgumentException("a Stripe event needs id, type, created and data.object");
        }
        return new StripeEvent(id, type, created, StripeJson.text(event, "account"),
                event.path("livemode").asBoolean(false), object);
    }

    /**
     * The tenant named in the object's metadata (set by the hub on what it creates), or, for an
     * invoice, in its subscription's metadata as Stripe copies it onto the invoice
     * ({@code subscription_details.metadata}, or {@code parent.subscription_details.metadata} in newer
     * API versions).
     */
    public Optional<String> tenantMetadata() {
        String own = metadata().get(TENANT_METADATA);
        if (own != null) {
            return Optional.of(own);
        }
        String subscription = StripeJson.metadata(object.path("subscription_details")).get(TENANT_METADATA);
        if (subscription == null) {
            subscription = StripeJson.metadata(object.path("parent").path("subscription_details")).get(TENANT_METADATA);
        }
        return Optional.ofNullable(subscription);
    }

    public Map<String, String> metadata() {
        return StripeJson.metadata(object);
    }

    public StripeAccount accountObject() {
        return StripeAccount.from(object);
    }

    public StripeCapability capability() {
        return StripeCapability.from(object);
    }

    public StripePaymentIntent paymentIntent() {
        return StripePaymentIntent.from(object);
    }

    public StripeInvoice invoice() {
        return StripeInvoice.from(object);
    }

    /** The connected account the event is about: {@code account}, else the object's own account reference. */
    public Optional<String> connectedAccount() {
        if (account != null) {
            return Optional.of(account);
        }
        if ("account".equals(StripeJson.text(object, "object"))) {
            return Optional.ofNullable(StripeJson.text(object, "id"));
        }
        if ("capability".equals(StripeJson.text(object, "object"))) {
            return Optional.ofNullable(StripeJson.id(object.get("account")));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "StripeEvent[" + id + " " + type + " at " + created + (account == null ? "" : " for " + account) + "]";
    }
}
