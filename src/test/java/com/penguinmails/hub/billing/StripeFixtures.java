package com.penguinmails.hub.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.net.Webhook;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestDatabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe for the billing tests: events as Stripe sends them, signed with stripe-java's own HMAC
 * helper (independent of the hub's verifier), and a tenant with a connected account made through a
 * stubbed {@code POST /v1/accounts}.
 */
final class StripeFixtures {

    private final HubClient hub;
    private final JsonMapper json;

    StripeFixtures(HubClient hub, JsonMapper json) {
        this.hub = hub;
        this.json = json;
    }

    static WireMockServer stripe() {
        return ProviderStubs.server();
    }

    static String newAccountId() {
        return "acct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    // ---- signatures and posting ----

    static String signature(String payload, String secret, long timestamp) {
        try {
            return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Response postEvent(String path, String payload, String header) {
        return hub.send("POST", path, payload, null, "application/json", Map.of("Stripe-Signature", header));
    }

    Response postEvent(String payload, String secret) {
        return postEvent("/api/webhooks/stripe", payload, signature(payload, secret, Instant.now().getEpochSecond()));
    }

    // ---- events ----

    String event(String id, String type, Instant created, String account, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", "2024-06-20");
        event.put("created", created.getEpochSecond());
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        if (account != null) {
            event.put("account", account);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(event);
    }

    static Map<String, Object> account(String id, boolean charges, boolean payouts, List<String> due,
                                       Map<String, String> capabilities) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("object", "account");
        account.put("type", "express");
        account.put("country", "US");
        account.put("email", "merchant@example.com");
        account.put("charges_enabled", charges);
        account.put("payouts_enabled", payouts);
        account.put("details_submitted", charges);
        account.put("capabilities", capabilities);
        account.put("requirements", Map.of("currently_due", due, "past_due", List.of(), "eventually_due", due));
        return account;
    }

    static Map<String, Object> paymentIntent(String id, long amount, String currency, Long fee, String status,
                                             Map<String, Object> lastPaymentError, Map<String, String> metadata) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", "succeeded".equals(status) ? amount : 0);
        intent.put("currency", currency);
        intent.put("application_fee_amount", fee);
        intent.put("status", status);
        intent.put("client_secret", id + "_secret_abc");
        intent.put("last_payment_error", lastPaymentError);
        intent.put("metadata", metadata == null ? Map.of() : metadata);
        return intent;
    }

    static Map<String, Object> invoice(String id, String subscription, String status, long amount, int attemptCount,
                                       Instant periodStart, Instant periodEnd) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("id", id);
        invoice.put("object", "invoice");
        invoice.put("subscription", subscription);
        invoice.put("customer", "cus_123");
        invoice.put("status", status);
        invoice.put("amount_due", amount);
        invoice.put("amount_paid", "paid".equals(status) ? amount : 0);
        invoice.put("currency", "usd");
        invoice.put("attempt_count", attemptCount);
        invoice.put("period_start", periodStart.getEpochSecond() - 2_592_000);
        invoice.put("period_end", periodStart.getEpochSecond());
        invoice.put("lines", Map.of("object", "list", "data", List.of(Map.of("id", "il_1", "object", "line_item",
                "period", Map.of("start", periodStart.getEpochSecond(), "end", periodEnd.getEpochSecond())))));
        invoice.put("metadata", Map.of());
        return invoice;
    }

    // ---- a tenant with a connected account ----

    record ConnectedTenant(SignedInUser owner, UUID tenantId, String accountId) {
        String billing() {
            return "/api/v1/tenants/" + tenantId + "/billing";
        }
    }

    ConnectedTenant connectedTenant(String name) {
        SignedInUser owner = hub.signedInUser(name);
        UUID tenantId = hub.tenantOf(owner, name + " Inc");
        String accountId = newAccountId();
        String email = HubClient.uniqueEmail("merchant");
        stubAccountCreation(email, accountId);
        Response created = hub.post("/api/v1/tenants/" + tenantId + "/billing/connected-account",
                Map.of("country", "US", "email", email), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new ConnectedTenant(owner, tenantId, accountId);
    }

    void stubAccountCreation(String email, String accountId) {
        Map<String, Object> body = account(accountId, false, false, List.of("external_account", "tos_acceptance.date"),
                Map.of("card_payments", "inactive", "transfers", "inactive"));
        body.put("email", email);
        stripe().stubFor(post(urlPathEqualTo("/v1/accounts"))
                .withRequestBody(containing("email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("Request-Id", "req_" + accountId).withBody(json.writeValueAsString(body))));
    }

    // ---- looking into the database as its owner ----

    static List<String> inboxStates(String dedupKey) throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "select tenant_id::text || ':' || state from webhook_inbox where provider = 'stripe' and dedup_key = ?")) {
            ps.setString(1, dedupKey);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                states.add(rs.getString(1));
            }
        }
        return states;
    }

    /** The billing emails queued for an address (not its sign-up verification). */
    static List<String> systemEmailsTo(String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "select kind || ':' || subject from system_emails where to_address = ? and kind like 'billing%' order by created_at")) {
            ps.setString(1, address);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                subjects.add(rs.getString(1));
            }
        }
        return subjects;
    }

    static List<String> publishedEvents(UUID tenantId) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "select payload from webhook_events where tenant_id = ? order by created_at, id")) {
            ps.setObject(1, tenantId);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        return types;
    }
}
