package com.penguinmails.hub.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.webhook.WebhookReceiver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/webhooks/stripe}: signatures made with stripe-java, Connect routing by
 * {@code account}, and each event's effect — once per event id, in Stripe's order, not arrival's.
 */
class StripeWebhooksIntegrationTests extends HubIntegrationTest {

    private StripeFixtures fixtures;
    private StripeFixtures.ConnectedTenant t;
    private WebhookReceiver receiver;
    /** Stripe times after the account's creation (its state is as of then). */
    private Instant base;

    @BeforeEach
    void setUp() {
        for (String secret : List.of(PLATFORM_STRIPE_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PREVIOUS_WEBHOOK_SECRET,
                STRIPE_CONNECT_WEBHOOK_SECRET)) {
            TestSecrets.register(secret);
        }
        fixtures = new StripeFixtures(hub(), json);
        t = fixtures.connectedTenant("stripe-events");
        base = Instant.now().plusSeconds(60);
        receiver = new WebhookReceiver((request, attempt) -> 200);
        Response endpoint = hub().post("/api/v1/tenants/" + t.tenantId() + "/webhook-endpoints", Map.of(
                "url", receiver.url(), "eventTypes", List.of("billing.*"), "description", "billing receiver"),
                t.owner().token());
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        TestSecrets.register(endpoint.body().get("secret").asString());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String evt() {
        return StripeFixtures.newId("evt_");
    }

    private void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(StripeFixtures.inboxStates(eventId)).containsExactly(t.tenantId() + ":done"));
    }

    private Response send(String payload) {
        Response response = fixtures.postEvent(payload, STRIPE_CONNECT_WEBHOOK_SECRET);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response;
    }

    private String sendAndAwait(String type, Instant created, String account, Map<String, Object> object) {
        String id = evt();
        send(fixtures.event(id, type, created, account, object));
        awaitProcessed(id);
        return id;
    }

    private JsonNode get(String path) {
        Response response = hub().get(t.billing() + path, t.owner().token());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private List<JsonNode> delivered(String type) {
        return receiver.accepted().stream().map(r -> json.readTree(r.body()))
                .filter(body -> type.equals(body.get("type").asString())).toList();
    }

    private Map<String, Object> accountObject(boolean charges, boolean payouts, List<String> due, String cardPayments) {
        return StripeFixtures.account(t.accountId(), charges, payouts, due,
                Map.of("card_payments", cardPayments, "transfers", "pending"));
    }

    // ---- signatures ----

    @Test
    void stripeJavaSignaturesAreAcceptedAndStaleTamperedOrForeignOnesRefusedWithNothingStored() throws Exception {
        long now = Instant.now().getEpochSecond();
        String current = evt();
        String currentBody = fixtures.event(current, "account.updated", base, t.accountId(),
                accountObject(true, false, List.of(), "active"));
        assertThat(fixtures.postEvent(currentBody, STRIPE_WEBHOOK_SECRET).status()).isEqualTo(200);

        String rotated = evt();
        assertThat(fixtures.postEvent(fixtures.event(rotated, "account.updated", base, t.accountId(),
                accountObject(true, false, List.of(), "active")), STRIPE_PREVIOUS_WEBHOOK_SECRET).status())
                .as("the second secret of the rotation").isEqualTo(200);

        String several = evt();
        String severalBody = fixtures.event(several, "account.updated", base, t.accountId(),
                accountObject(true, false, List.of(), "active"));
        String header = StripeFixtures.signature(severalBody, "whsec_retiredLongAgo", now) + ","
                + StripeFixtures.signature(severalBody, STRIPE_PREVIOUS_WEBHOOK_SECRET, now).replaceFirst("^t=\\d+,", "");
        assertThat(header.split("v1=")).hasSize(3);
        assertThat(fixtures.postEvent("/api/webhooks/stripe", severalBody, header).status())
                .as("several v1 signatures, one matching").isEqualTo(200);

        String stale = evt();
        String staleBody = fixtures.event(stale, "account.updated", base, t.accountId(), accountObject(true, true, List.of(), "active"));
        Response staleAnswer = fixtures.postEvent("/api/webhooks/stripe", staleBody,
                StripeFixtures.signature(staleBody, STRIPE_WEBHOOK_SECRET, now - 301));
        assertThat(staleAnswer.status()).isEqualTo(401);
        assertThat(staleAnswer.code()).isEqualTo("invalid_signature");

        String tampered = evt();
        String original = fixtures.event(tampered, "account.updated", base, t.accountId(), accountObject(false, false, List.of(), "inactive"));
        assertThat(fixtures.postEvent("/api/webhooks/stripe", original.replace("\"charges_enabled\" : false",
                        "\"charges_enabled\" : true"), StripeFixtures.signature(original, STRIPE_WEBHOOK_SECRET, now))
                .status()).as("tampered").isEqualTo(401);

        String foreign = evt();
        assertThat(fixtures.postEvent(fixtures.event(foreign, "account.updated", base, t.accountId(),
                accountObject(true, true, List.of(), "active")), "whsec_someoneElse0123456789").status())
                .as("wrong secret").isEqualTo(401);
        String unsigned = fixtures.event(evt(), "account.updated", base, t.accountId(), accountObject(true, true, List.of(), "active"));
        assertThat(hub().send("POST", "/api/webhooks/stripe", unsigned, null, "application/json").status()).isEqualTo(401);

        for (String id : List.of(stale, tampered, foreign)) {
            assertThat(StripeFixtures.inboxStates(id)).as("nothing stored for " + id).isEmpty();
        }
        for (String id : List.of(current, rotated, several)) {
            awaitProcessed(id);
        }
        JsonNode account = get("/connected-account");
        assertThat(account.get("chargesEnabled").asBoolean()).isTrue();
        assertThat(account.get("payoutsEnabled").asBoolean()).as("the refused events changed nothing").isFalse();

        String malformed = "{\"id\":\"evt_x\",\"object\":\"event\"}";
        assertThat(fixtures.postEvent(malformed, STRIPE_WEBHOOK_SECRET).code()).isEqualTo("malformed_payload");
    }

    // ---- connected account ----

    @Test
    void accountAndCapabilityEventsUpdateTheAccountAndOlderOnesDoNotOverwriteIt() {
        sendAndAwait("account.updated", base.plusSeconds(10), t.accountId(),
                accountObject(true, false, List.of("external_account"), "active"));
        JsonNode account = get("/connected-account");
        assertThat(account.get("chargesEnabled").asBoolean()).isTrue();
        assertThat(account.get("payoutsEnabled").asBoolean()).isFalse();
        assertThat(account.get("requirementsDue").toString()).contains("external_account");
        assertThat(account.get("capabilities").get("card_payments").asString()).isEqualTo("active");

        // arrives later, happened earlier: history, not news
        sendAndAwait("account.updated", base.plusSeconds(5), t.accountId(),
                accountObject(false, false, List.of("individual.id_number"), "inactive"));
        account = get("/connected-account");
        assertThat(account.get("chargesEnabled").asBoolean()).isTrue();
        assertThat(account.get("requirementsDue").toString()).doesNotContain("id_number");
        assertThat(account.get("capabilities").get("card_payments").asString()).isEqualTo("active");

        sendAndAwait("capability.updated", base.plusSeconds(20), t.accountId(), Map.of("id", "transfers",
                "object", "capability", "account", t.accountId(), "status", "active", "requested", true,
                "requirements", Map.of("currently_due", List.of(), "past_due", List.of())));
        sendAndAwait("capability.updated", base.plusSeconds(15), t.accountId(), Map.of("id", "transfers",
                "object", "capability", "account", t.accountId(), "status", "inactive", "requested", true));
        assertThat(get("/connected-account").get("capabilities").get("transfers").asString()).isEqualTo("active");

        sendAndAwait("account.updated", base.plusSeconds(30), t.accountId(), StripeFixtures.account(t.accountId(),
                true, true, List.of(), Map.of("card_payments", "active", "transfers", "active")));
        account = get("/connected-account");
        assertThat(account.get("payoutsEnabled").asBoolean()).isTrue();
        assertThat(account.get("requirementsDue").size()).isZero();
        assertThat(account.get("capabilities").get("transfers").asString()).isEqualTo("active");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivered("billing.account_updated")
                .stream().map(e -> e.get("data").get("payoutsEnabled").asBoolean()).toList()).contains(true));
        assertThat(delivered("billing.account_updated")).allSatisfy(e ->
                assertThat(e.get("data").get("accountId").asString()).isEqualTo(t.accountId()));
    }

    // ---- sync: the account object read now, never over a newer event ----

    private void stubAccountRead(Map<String, Object> account) {
        StripeFixtures.stripe().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo("/v1/accounts/" + t.accountId())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json.writeValueAsString(account))));
    }

    private JsonNode sync() {
        Response synced = hub().post(t.billing() + "/connected-account/sync", null, t.owner().token());
        assertThat(synced.status()).as(synced.raw().body()).isEqualTo(200);
        return synced.body();
    }

    /** Stripe's times count whole seconds: a read of the same second as the stored state cannot place itself after it. */
    private static void awaitNextSecond() {
        long now = Instant.now().getEpochSecond();
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(2))
                .until(() -> Instant.now().getEpochSecond() > now);
    }

    private long accountUpdatesPublished() throws Exception {
        return StripeFixtures.publishedEvents(t.tenantId()).stream()
                .filter(payload -> payload.contains("billing.account_updated")).count();
    }

    @Test
    void aSyncKeepsTheAccountObjectsStateAndTheReadApiShowsIt() throws Exception {
        stubAccountRead(StripeFixtures.account(t.accountId(), true, false, List.of("individual.verification.document"),
                Map.of("card_payments", "active", "transfers", "pending")));
        Instant creationSecond = Instant.parse(get("/connected-account").get("stateAt").asString())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        awaitNextSecond();

        JsonNode synced = sync();
        assertThat(synced.get("chargesEnabled").asBoolean()).isTrue();
        assertThat(synced.get("payoutsEnabled").asBoolean()).isFalse();
        assertThat(synced.get("detailsSubmitted").asBoolean()).isTrue();
        assertThat(synced.get("requirementsDue").toString()).isEqualTo("[\"individual.verification.document\"]");
        assertThat(synced.get("capabilities").get("card_payments").asString()).isEqualTo("active");
        assertThat(synced.get("capabilities").get("transfers").asString()).isEqualTo("pending");
        JsonNode read = get("/connected-account");
        assertThat(read.get("chargesEnabled").asBoolean()).isTrue();
        assertThat(read.get("requirementsDue").toString()).isEqualTo("[\"individual.verification.document\"]");
        assertThat(read.get("capabilities").get("transfers").asString()).isEqualTo("pending");
        assertThat(read.get("stateAt").asString()).isEqualTo(synced.get("stateAt").asString());

        List<LoggedRequest> reads = StripeFixtures.stripe().findAll(getRequestedFor(
                urlPathEqualTo("/v1/accounts/" + t.accountId())));
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).getHeader("Authorization")).isEqualTo("Bearer " + PLATFORM_STRIPE_KEY);
        assertThat(reads.get(0).containsHeader("Stripe-Account")).as("the platform reads its connected account").isFalse();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivered("billing.account_updated")
                .stream().map(e -> e.get("data")).filter(d -> d.get("chargesEnabled").asBoolean()).toList())
                .singleElement().satisfies(d -> {
                    assertThat(d.path("stripeEventId").isString()).as("a sync, not an event").isFalse();
                    assertThat(d.get("capabilities").get("transfers").asString()).isEqualTo("pending");
                }));

        // an event of the creation's second would still have counted before the sync; now it is older than the read
        sendAndAwait("account.updated", creationSecond, t.accountId(),
                accountObject(false, false, List.of("external_account"), "inactive"));
        assertThat(get("/connected-account").get("chargesEnabled").asBoolean()).isTrue();
        assertThat(get("/connected-account").get("capabilities").get("card_payments").asString()).isEqualTo("active");
    }

    @Test
    void aSyncNeverOverwritesStateFromANewerEvent() throws Exception {
        // a capability.updated newer than any read the test makes: only that capability is kept over the next sync
        sendAndAwait("capability.updated", base, t.accountId(), Map.of("id", "transfers", "object", "capability",
                "account", t.accountId(), "status", "active", "requested", true));
        stubAccountRead(StripeFixtures.account(t.accountId(), true, true, List.of(),
                Map.of("card_payments", "active", "transfers", "inactive")));
        awaitNextSecond();
        JsonNode merged = sync();
        assertThat(merged.get("chargesEnabled").asBoolean()).as("the account's own state is older than the read").isTrue();
        assertThat(merged.get("payoutsEnabled").asBoolean()).isTrue();
        assertThat(merged.get("requirementsDue").size()).isZero();
        assertThat(merged.get("capabilities").get("card_payments").asString()).isEqualTo("active");
        assertThat(merged.get("capabilities").get("transfers").asString()).as("the newer event's").isEqualTo("active");

        // Stripe then turns charges off (an account.updated stamped after the reads); a sync answering the older
        // picture changes nothing and announces nothing
        sendAndAwait("account.updated", base.plusSeconds(10), t.accountId(), StripeFixtures.account(t.accountId(),
                false, true, List.of("company.tax_id"), Map.of("card_payments", "inactive", "transfers", "active")));
        long published = accountUpdatesPublished();
        awaitNextSecond();
        JsonNode kept = sync();
        for (JsonNode account : List.of(kept, get("/connected-account"))) {
            assertThat(account.get("chargesEnabled").asBoolean()).isFalse();
            assertThat(account.get("requirementsDue").toString()).isEqualTo("[\"company.tax_id\"]");
            assertThat(account.get("capabilities").get("card_payments").asString()).isEqualTo("inactive");
            assertThat(account.get("capabilities").get("transfers").asString()).isEqualTo("active");
            assertThat(Instant.parse(account.get("stateAt").asString())).isEqualTo(base.plusSeconds(10)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        assertThat(accountUpdatesPublished()).isEqualTo(published);
        assertThat(StripeFixtures.stripe().findAll(getRequestedFor(urlPathEqualTo("/v1/accounts/" + t.accountId()))))
                .as("both syncs read Stripe").hasSize(2);
    }

    // ---- payments ----

    @Test
    void aSucceededPaymentIsRecordedOnceActivatesTheSubscriptionAndIsNeverTakenBack() {
        String intent = StripeFixtures.newId("pi_");
        String id = evt();
        String succeeded = fixtures.event(id, "payment_intent.succeeded", base.plusSeconds(10), t.accountId(),
                StripeFixtures.paymentIntent(intent, 5000, "eur", 145L, "succeeded", null, Map.of()));
        send(succeeded);
        awaitProcessed(id);

        JsonNode payment = get("/payments/" + intent);
        assertThat(payment.get("status").asString()).isEqualTo("succeeded");
        assertThat(payment.get("amount").asLong()).isEqualTo(5000);
        assertThat(payment.get("currency").asString()).isEqualTo("eur");
        assertThat(payment.get("applicationFeeAmount").asLong()).isEqualTo(145);
        assertThat(payment.get("accountId").asString()).isEqualTo(t.accountId());
        assertThat(get("/subscription").get("status").asString()).isEqualTo("active");

        // Stripe delivers the same event again (re-signed): acknowledged, routed onto the stored copy, no second effect
        send(succeeded);
        awaitProcessed(id);

        // a failure of the same payment arriving afterwards (older or not) does not undo it
        sendAndAwait("payment_intent.payment_failed", base.plusSeconds(5), t.accountId(),
                StripeFixtures.paymentIntent(intent, 5000, "eur", 145L, "requires_payment_method",
                        Map.of("code", "card_declined", "decline_code", "insufficient_funds", "message", "Your card has insufficient funds."),
                        Map.of()));
        assertThat(get("/payments/" + intent).get("status").asString()).isEqualTo("succeeded");

        String declined = StripeFixtures.newId("pi_");
        sendAndAwait("payment_intent.payment_failed", base.plusSeconds(40), t.accountId(),
                StripeFixtures.paymentIntent(declined, 700, "eur", 20L, "requires_payment_method",
                        Map.of("code", "card_declined", "decline_code", "insufficient_funds", "message", "Your card has insufficient funds."),
                        Map.of()));
        JsonNode failed = get("/payments/" + declined);
        assertThat(failed.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(failed.get("failureCode").asString()).isEqualTo("insufficient_funds");
        assertThat(failed.get("failureMessage").asString()).isEqualTo("Your card has insufficient funds.");
        assertThat(get("/payments").get("payments").size()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(delivered("billing.payment_succeeded")).hasSize(1);
            assertThat(delivered("billing.payment_failed")).hasSize(1);
            assertThat(delivered("billing.subscription_changed")).hasSize(1);
        });
        JsonNode data = delivered("billing.payment_succeeded").get(0).get("data");
        assertThat(data.get("paymentIntentId").asString()).isEqualTo(intent);
        assertThat(data.get("applicationFeeAmount").asLong()).isEqualTo(145);
        assertThat(data.get("stripeEventId").asString()).isEqualTo(id);
        assertThat(delivered("billing.payment_failed").get(0).get("data").get("failureMessage").asString())
                .isEqualTo("Your card has insufficient funds.");
    }

    // ---- subscription and invoices ----

    @Test
    void aFailedInvoiceMakesItPastDueCountsTheAttemptAndEmailsTheBillingContacts() throws Exception {
        SignedInUser admin = hub().signedInUser("billing-admin");
        hub().addMember(t.owner(), t.tenantId(), admin, "admin");
        SignedInUser member = hub().signedInUser("plain-member");
        hub().addMember(t.owner(), t.tenantId(), member, "member");
        String subscription = StripeFixtures.newId("sub_");
        String invoice = StripeFixtures.newId("in_");
        Instant periodStart = Instant.parse("2026-11-01T00:00:00Z");
        Instant periodEnd = Instant.parse("2026-12-01T00:00:00Z");

        sendAndAwait("invoice.payment_failed", base.plusSeconds(10), null,
                withTenant(StripeFixtures.invoice(invoice, subscription, "open", 2900, 1, periodStart, periodEnd)));
        JsonNode sub = get("/subscription");
        assertThat(sub.get("status").asString()).isEqualTo("past_due");
        assertThat(sub.get("failedAttempts").asInt()).isEqualTo(1);
        assertThat(sub.get("id").asString()).isEqualTo(subscription);
        assertThat(sub.get("latestInvoiceId").asString()).isEqualTo(invoice);
        assertThat(StripeFixtures.systemEmailsTo(t.owner().email())).containsExactly(
                "billing_payment_failed:Payment failed for your PenguinMails subscription");
        assertThat(StripeFixtures.systemEmailsTo(admin.email())).hasSize(1);
        assertThat(StripeFixtures.systemEmailsTo(member.email())).isEmpty();

        // with a billing email, it alone hears about the next attempt
        String billingEmail = HubClient.uniqueEmail("accounts-payable");
        Response profile = hub().put(t.billing() + "/profile", Map.of("billingEmail", billingEmail), t.owner().token());
        assertThat(profile.body().get("contacts").toString()).isEqualTo("[\"" + billingEmail + "\"]");
        sendAndAwait("invoice.payment_failed", base.plusSeconds(20), null,
                withTenant(StripeFixtures.invoice(invoice, subscription, "open", 2900, 2, periodStart, periodEnd)));
        assertThat(get("/subscription").get("failedAttempts").asInt()).isEqualTo(2);
        assertThat(StripeFixtures.systemEmailsTo(billingEmail)).hasSize(1);
        assertThat(StripeFixtures.systemEmailsTo(t.owner().email())).hasSize(1);

        sendAndAwait("invoice.payment_succeeded", base.plusSeconds(30), null,
                withTenant(StripeFixtures.invoice(invoice, subscription, "paid", 2900, 3, periodStart, periodEnd)));
        sub = get("/subscription");
        assertThat(sub.get("status").asString()).isEqualTo("active");
        assertThat(sub.get("failedAttempts").asInt()).isZero();
        assertThat(sub.get("currentPeriodStart").asString()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(sub.get("currentPeriodEnd").asString()).isEqualTo("2026-12-01T00:00:00Z");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivered("billing.subscription_changed")
                .stream().map(e -> e.get("data").get("status").asString()).toList())
                .containsExactly("past_due", "past_due", "active"));
        assertThat(delivered("billing.payment_failed")).hasSize(2).allSatisfy(e ->
                assertThat(e.get("data").get("invoiceId").asString()).isEqualTo(invoice));
    }

    @Test
    void aFailureArrivingAfterTheSuccessOfTheSameInvoiceDoesNotDowngradeIt() throws Exception {
        String subscription = StripeFixtures.newId("sub_");
        String invoice = StripeFixtures.newId("in_");
        Instant periodStart = Instant.parse("2026-11-15T00:00:00Z");
        Instant periodEnd = Instant.parse("2026-12-15T00:00:00Z");

        sendAndAwait("invoice.payment_succeeded", base.plusSeconds(20), t.accountId(),
                StripeFixtures.invoice(invoice, subscription, "paid", 4900, 2, periodStart, periodEnd));
        sendAndAwait("invoice.payment_failed", base.plusSeconds(10), t.accountId(),
                StripeFixtures.invoice(invoice, subscription, "open", 4900, 1, periodStart, periodEnd));

        JsonNode sub = get("/subscription");
        assertThat(sub.get("status").asString()).isEqualTo("active");
        assertThat(sub.get("failedAttempts").asInt()).isZero();
        assertThat(sub.get("currentPeriodEnd").asString()).isEqualTo("2026-12-15T00:00:00Z");
        assertThat(StripeFixtures.systemEmailsTo(t.owner().email())).as("no failure notice for a paid invoice").isEmpty();

        // even a failure stamped later cannot take back a paid invoice
        sendAndAwait("invoice.payment_failed", base.plusSeconds(60), t.accountId(),
                StripeFixtures.invoice(invoice, subscription, "open", 4900, 3, periodStart, periodEnd));
        assertThat(get("/subscription").get("status").asString()).isEqualTo("active");
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivered("billing.subscription_changed")).hasSize(1));
        assertThat(delivered("billing.payment_failed")).isEmpty();
    }

    // ---- duplicates: Stripe delivers an event again (re-signed); acknowledged, and no second effect ----

    /**
     * The platform endpoint stores what it receives and routes it to the tenant afterwards; the second
     * copy meets the first there and is dropped, so one row stays, processed once.
     */
    private void deliverTwice(String id, String payload) throws Exception {
        send(payload);
        awaitProcessed(id);
        send(payload);
        awaitProcessed(id);
    }

    /** Waits long enough for a second effect's deliveries to show, then counts. */
    private void awaitDeliveredOnce(String... types) {
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String type : types) {
                assertThat(delivered(type)).as(type).hasSize(1);
            }
        });
    }

    @Test
    void aDuplicateInvoicePaymentSucceededHasOneEffect() throws Exception {
        String invoice = StripeFixtures.newId("in_");
        String subscription = StripeFixtures.newId("sub_");
        String id = evt();
        deliverTwice(id, fixtures.event(id, "invoice.payment_succeeded", base.plusSeconds(10), t.accountId(),
                StripeFixtures.invoice(invoice, subscription, "paid", 2900, 1, Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z"))));

        JsonNode sub = get("/subscription");
        assertThat(sub.get("status").asString()).isEqualTo("active");
        assertThat(sub.get("id").asString()).isEqualTo(subscription);
        assertThat(sub.get("currentPeriodEnd").asString()).isEqualTo("2026-12-01T00:00:00Z");
        awaitDeliveredOnce("billing.subscription_changed");
        assertThat(delivered("billing.subscription_changed").get(0).get("data").get("stripeEventId").asString())
                .isEqualTo(id);
    }

    @Test
    void aDuplicateInvoicePaymentFailedCountsTheAttemptOnceAndEmailsTheBillingContactsOnce() throws Exception {
        String billingEmail = HubClient.uniqueEmail("dup-billing");
        assertThat(hub().put(t.billing() + "/profile", Map.of("billingEmail", billingEmail), t.owner().token())
                .status()).isEqualTo(200);
        String invoice = StripeFixtures.newId("in_");
        String id = evt();
        deliverTwice(id, fixtures.event(id, "invoice.payment_failed", base.plusSeconds(10), t.accountId(),
                StripeFixtures.invoice(invoice, StripeFixtures.newId("sub_"), "open", 2900, 1,
                        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))));

        JsonNode sub = get("/subscription");
        assertThat(sub.get("status").asString()).isEqualTo("past_due");
        assertThat(sub.get("failedAttempts").asInt()).isEqualTo(1);
        assertThat(sub.get("latestInvoiceId").asString()).isEqualTo(invoice);
        assertThat(StripeFixtures.systemEmailsTo(billingEmail)).containsExactly(
                "billing_payment_failed:Payment failed for your PenguinMails subscription");
        awaitDeliveredOnce("billing.payment_failed", "billing.subscription_changed");
        assertThat(StripeFixtures.systemEmailsTo(billingEmail)).hasSize(1);
        assertThat(get("/subscription").get("failedAttempts").asInt()).isEqualTo(1);
    }

    @Test
    void aDuplicatePaymentIntentPaymentFailedHasOneEffect() throws Exception {
        String intent = StripeFixtures.newId("pi_");
        String id = evt();
        deliverTwice(id, fixtures.event(id, "payment_intent.payment_failed", base.plusSeconds(10), t.accountId(),
                StripeFixtures.paymentIntent(intent, 700, "eur", 20L, "requires_payment_method",
                        Map.of("code", "card_declined", "decline_code", "generic_decline", "message", "Your card was declined."),
                        Map.of())));

        JsonNode payment = get("/payments/" + intent);
        assertThat(payment.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(payment.get("failureCode").asString()).isEqualTo("generic_decline");
        assertThat(get("/payments").get("payments").size()).isEqualTo(1);
        awaitDeliveredOnce("billing.payment_failed");
        assertThat(delivered("billing.payment_failed").get(0).get("data").get("paymentIntentId").asString())
                .isEqualTo(intent);
    }

    @Test
    void aDuplicateCapabilityUpdatedHasOneEffect() throws Exception {
        String id = evt();
        deliverTwice(id, fixtures.event(id, "capability.updated", base.plusSeconds(10), t.accountId(), Map.of(
                "id", "card_payments", "object", "capability", "account", t.accountId(), "status", "active",
                "requested", true)));

        assertThat(get("/connected-account").get("capabilities").get("card_payments").asString()).isEqualTo("active");
        // one billing.account_updated for the event, not one per delivery
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivered("billing.account_updated").stream().map(e -> e.get("data").path("stripeEventId"))
                        .filter(JsonNode::isString).map(JsonNode::asString).toList()).containsExactly(id));
    }

    // ---- the outbound catalogue ----

    @Test
    void theCatalogueListsTheBillingEventsWithTheirSchemasAndABillingEndpointReceivesEach() throws Exception {
        Response catalogue = hub().get("/api/v1/webhook-event-types", t.owner().token());
        assertThat(catalogue.status()).isEqualTo(200);
        Map<String, JsonNode> schemas = new java.util.HashMap<>();
        for (JsonNode type : catalogue.body().get("eventTypes")) {
            schemas.put(type.get("type").asString(), type);
        }
        List<String> billing = List.of("billing.payment_succeeded", "billing.payment_failed",
                "billing.subscription_changed", "billing.account_updated");
        for (String type : billing) {
            assertThat(schemas).as(type).containsKey(type);
            assertThat(schemas.get(type).get("description").asString()).as(type).isNotBlank();
            JsonNode schema = schemas.get(type).get("dataSchema");
            assertThat(schema.get("type").asString()).isEqualTo("object");
            assertThat(schema.get("properties").size()).as(type).isGreaterThan(3);
            assertThat(schema.get("required").size()).as(type).isPositive();
        }

        sendAndAwait("account.updated", base.plusSeconds(10), t.accountId(),
                accountObject(true, true, List.of(), "active"));
        String intent = StripeFixtures.newId("pi_");
        sendAndAwait("payment_intent.succeeded", base.plusSeconds(20), t.accountId(),
                StripeFixtures.paymentIntent(intent, 1999, "usd", 58L, "succeeded", null, Map.of()));
        sendAndAwait("invoice.payment_failed", base.plusSeconds(30), t.accountId(),
                StripeFixtures.invoice(StripeFixtures.newId("in_"), StripeFixtures.newId("sub_"), "open", 2900, 1,
                        Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
        sendAndAwait("payment_intent.payment_failed", base.plusSeconds(40), t.accountId(),
                StripeFixtures.paymentIntent(StripeFixtures.newId("pi_"), 500, "usd", 15L, "requires_payment_method",
                        Map.of("code", "card_declined", "message", "Your card was declined."), Map.of()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String type : billing) {
                assertThat(delivered(type)).as(type).isNotEmpty();
            }
            assertThat(delivered("billing.payment_failed")).hasSize(2);
        });
        for (String type : billing) {
            JsonNode schema = schemas.get(type).get("dataSchema");
            for (JsonNode event : delivered(type)) {
                assertThat(violations(event.get("data"), schema)).as(type + " " + event.get("data")).isEmpty();
            }
        }
    }

    /**
     * The catalogue's schemas use a small part of JSON Schema (type, enum, required, properties,
     * additionalProperties, items, format date-time, pattern): enough to check a delivered {@code data} against.
     */
    private static List<String> violations(JsonNode value, JsonNode schema) {
        List<String> found = new ArrayList<>();
        check("data", value, schema, found);
        return found;
    }

    private static void check(String path, JsonNode value, JsonNode schema, List<String> found) {
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                found.add(path + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(n -> types.add(n.asString()));
            } else {
                types.add(schema.get("type").asString());
            }
            String actual = value.isNull() ? "null" : value.isString() ? "string" : value.isIntegralNumber() ? "integer"
                    : value.isBoolean() ? "boolean" : value.isArray() ? "array" : value.isObject() ? "object" : "number";
            if (!types.contains(actual)) {
                found.add(path + " is " + actual + ", not " + types);
                return;
            }
        }
        if (value.isString() && "date-time".equals(schema.path("format").asString(""))) {
            try {
                Instant.parse(value.asString());
            } catch (RuntimeException e) {
                found.add(path + " is not a date-time");
            }
        }
        if (value.isString() && schema.has("pattern") && !value.asString().matches(schema.get("pattern").asString())) {
            found.add(path + " does not match " + schema.get("pattern").asString());
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(path + "[" + i + "]", value.get(i), schema.get("items"), found);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    found.add(path + "." + required.asString() + " is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            for (var entry : value.properties()) {
                JsonNode property = properties.get(entry.getKey());
                if (property != null) {
                    check(path + "." + entry.getKey(), entry.getValue(), property, found);
                } else if (schema.has("additionalProperties")) {
                    check(path + "." + entry.getKey(), entry.getValue(), schema.get("additionalProperties"), found);
                } else if (properties.size() > 0) {
                    found.add(path + "." + entry.getKey() + " is not in the schema");
                }
            }
        }
    }

    // ---- routing ----

    @Test
    void platformEventsAreRoutedByTheHubsMetadataAndUnknownOnesAreLeftAlone() throws Exception {
        String intent = StripeFixtures.newId("pi_");
        sendAndAwait("payment_intent.succeeded", base.plusSeconds(10), null,
                withTenant(StripeFixtures.paymentIntent(intent, 1200, "usd", 12L, "succeeded", null, null)));
        assertThat(get("/payments/" + intent).get("status").asString()).isEqualTo("succeeded");

        String stray = evt();
        send(fixtures.event(stray, "payment_intent.succeeded", base, StripeFixtures.newAccountId(),
                StripeFixtures.paymentIntent(StripeFixtures.newId("pi_"), 100, "usd", 1L, "succeeded", null, null)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(StripeFixtures.inboxStates(stray))
                .containsExactly(new UUID(0, 0) + ":ignored"));
    }

    @Test
    void aTenantsOwnStripeEndpointUsesItsIntegrationsSecrets() throws Exception {
        String secret = TestSecrets.fresh("whsec_");
        Response integration = hub().post("/api/v1/tenants/" + t.tenantId() + "/integrations", Map.of(
                "name", "Own Stripe", "category", "payment_processor", "provider", "stripe",
                "configuration", Map.of("publishableKey", "pk_test_abcdefghij", "secretKey", TestSecrets.fresh("sk_test_"),
                        "webhookSecrets", List.of(TestSecrets.fresh("whsec_"), secret))), t.owner().token());
        assertThat(integration.status()).as(integration.raw().body()).isEqualTo(201);
        String path = "/api/webhooks/stripe/" + integration.body().get("id").asString();

        String id = evt();
        String body = fixtures.event(id, "account.updated", base.plusSeconds(10), null,
                accountObject(true, true, List.of(), "active"));
        assertThat(fixtures.postEvent(path, body, StripeFixtures.signature(body, STRIPE_WEBHOOK_SECRET,
                Instant.now().getEpochSecond())).status()).as("the platform's secret is not this endpoint's").isEqualTo(401);
        assertThat(fixtures.postEvent(path, body, StripeFixtures.signature(body, secret, Instant.now().getEpochSecond()))
                .status()).isEqualTo(200);
        awaitProcessed(id);
        assertThat(get("/connected-account").get("payoutsEnabled").asBoolean()).isTrue();
        Response again = fixtures.postEvent(path, body, StripeFixtures.signature(body, secret, Instant.now().getEpochSecond()));
        assertThat(again.body().get("status").asString()).isEqualTo("duplicate");
        assertThat(StripeFixtures.inboxStates(id)).containsExactly(t.tenantId() + ":done");
    }

    @Test
    void anAccountReportingBeforeItsCreationCommittedIsRetriedNotDropped() throws Exception {
        SignedInUser owner = hub().signedInUser("early-report");
        UUID tenant = hub().tenantOf(owner, "Early Report");
        String accountId = StripeFixtures.newAccountId();
        Map<String, Object> object = new java.util.LinkedHashMap<>(StripeFixtures.account(accountId, true, true,
                List.of(), Map.of("card_payments", "active", "transfers", "active")));
        object.put("metadata", Map.of("hub_tenant_id", tenant.toString()));
        String id = evt();
        send(fixtures.event(id, "account.updated", base, accountId, object));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(StripeFixtures.inboxStates(id)).containsExactly(tenant + ":failed"));

        String email = HubClient.uniqueEmail("early");
        fixtures.stubAccountCreation(email, accountId);
        assertThat(hub().post("/api/v1/tenants/" + tenant + "/billing/connected-account",
                Map.of("country", "US", "email", email), owner.token()).status()).isEqualTo(201);
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/billing/connected-account", owner.token()).body()
                .get("chargesEnabled").asBoolean()).isFalse();
        UUID inboxId;
        try (var db = com.penguinmails.hub.testkit.TestDatabase.asOwner(); var ps = db.prepareStatement(
                "select id from webhook_inbox where dedup_key = ?")) {
            ps.setString(1, id);
            var rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            inboxId = rs.getObject(1, UUID.class);
        }
        assertThat(hub().post("/api/v1/tenants/" + tenant + "/webhook-inbox/" + inboxId + "/retry", null,
                owner.token()).status()).isLessThan(300);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(StripeFixtures.inboxStates(id)).containsExactly(tenant + ":done"));
        JsonNode account = hub().get("/api/v1/tenants/" + tenant + "/billing/connected-account", owner.token()).body();
        assertThat(account.get("chargesEnabled").asBoolean()).isTrue();
        assertThat(account.get("payoutsEnabled").asBoolean()).isTrue();
    }

    private Map<String, Object> withTenant(Map<String, Object> object) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(object);
        copy.put("metadata", Map.of("hub_tenant_id", t.tenantId().toString()));
        return copy;
    }
}
