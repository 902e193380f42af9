package com.penguinmails.hub.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stripe's event JSON into the hub's records, across API versions. */
class StripeEventUnitTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private StripeEvent event(String type, String account, String object) {
        return StripeEvent.from(json.readTree("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"" + type
                + "\",\"created\":1700000000," + (account == null ? "" : "\"account\":\"" + account + "\",")
                + "\"data\":{\"object\":" + object + "}}"));
    }

    @Test
    void readsAnAccountWithItsRequirementsAndCapabilities() {
        StripeEvent e = event("account.updated", "acct_9", """
                {"id":"acct_9","object":"account","charges_enabled":true,"payouts_enabled":false,
                 "details_submitted":true,"country":"FR","email":"m@example.com",
                 "requirements":{"currently_due":["external_account"],"past_due":["tos_acceptance.date"]},
                 "capabilities":{"card_payments":"active","transfers":"pending"}}""");
        StripeAccount account = e.accountObject();
        assertThat(e.created()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(e.connectedAccount()).contains("acct_9");
        assertThat(account.chargesEnabled()).isTrue();
        assertThat(account.payoutsEnabled()).isFalse();
        assertThat(account.requirementsDue()).containsExactly("external_account", "tos_acceptance.date");
        assertThat(account.capabilities()).isEqualTo(Map.of("card_payments", "active", "transfers", "pending"));
    }

    @Test
    void readsTheSubscriptionOfAnInvoiceInOldAndNewApiVersions() {
        StripeInvoice old = event("invoice.payment_failed", null, """
                {"id":"in_1","object":"invoice","subscription":"sub_old","status":"open","amount_due":2900,
                 "currency":"usd","attempt_count":2,"period_start":1,"period_end":2,"lines":{"data":[]}}""").invoice();
        assertThat(old.subscription()).isEqualTo("sub_old");
        assertThat(old.attemptCount()).isEqualTo(2);
        assertThat(old.periodStart()).isEqualTo(Instant.ofEpochSecond(1));

        StripeInvoice basil = event("invoice.payment_succeeded", null, """
                {"id":"in_2","object":"invoice","status":"paid","amount_paid":2900,"currency":"usd",
                 "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_new"}},
                 "lines":{"data":[{"period":{"start":1700000000,"end":1702592000}}]},
                 "metadata":{"hub_tenant_id":"t"}}""").invoice();
        assertThat(basil.subscription()).isEqualTo("sub_new");
        assertThat(basil.periodEnd()).isEqualTo(Instant.ofEpochSecond(1702592000));
        assertThat(basil.metadata()).containsEntry("hub_tenant_id", "t");

        StripeEvent subscriptionInvoice = event("invoice.payment_failed", null, """
                {"id":"in_3","object":"invoice","status":"open","metadata":{},
                 "parent":{"subscription_details":{"subscription":"sub_3","metadata":{"hub_tenant_id":"tenant-3"}}}}""");
        assertThat(subscriptionInvoice.tenantMetadata()).contains("tenant-3");
        StripeEvent olderInvoice = event("invoice.payment_failed", null, """
                {"id":"in_4","object":"invoice","status":"open","subscription":"sub_4",
                 "subscription_details":{"metadata":{"hub_tenant_id":"tenant-4"}}}""");
        assertThat(olderInvoice.tenantMetadata()).contains("tenant-4");
    }

    @Test
    void readsAPaymentFailureWithStripesReasonAndACapabilityWithItsAccount() {
        StripePaymentIntent intent = event("payment_intent.payment_failed", "acct_1", """
                {"id":"pi_1","object":"payment_intent","amount":500,"currency":"eur","application_fee_amount":15,
                 "status":"requires_payment_method","client_secret":"pi_1_secret_x",
                 "last_payment_error":{"code":"card_declined","decline_code":"stolen_card","message":"Declined."}}""")
                .paymentIntent();
        assertThat(intent.failureCode()).isEqualTo("stolen_card");
        assertThat(intent.failureMessage()).isEqualTo("Declined.");
        assertThat(intent.applicationFeeAmount()).isEqualTo(15);
        assertThat(intent.toString()).doesNotContain("secret");

        StripeEvent capability = event("capability.updated", null, """
                {"id":"transfers","object":"capability","account":"acct_7","status":"active",
                 "requirements":{"currently_due":[],"past_due":[]}}""");
        assertThat(capability.capability().name()).isEqualTo("transfers");
        assertThat(capability.connectedAccount()).contains("acct_7");
        assertThat(capability.capability().requirementsDue()).isEqualTo(List.of());
    }

    @Test
    void refusesWhatIsNotAV1Event() {
        assertThatThrownBy(() -> StripeEvent.from(json.readTree("{\"object\":\"v2.core.event\",\"id\":\"evt_1\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StripeEvent.from(json.readTree(
                "{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"a.b\",\"created\":\"yesterday\",\"data\":{\"object\":{}}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
