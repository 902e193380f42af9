package com.penguinmails.hub.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh tenant with its owner, making endpoints and publishing events over the hub's real API. */
final class OutboundTenant {

    record Endpoint(UUID id, String secret) {
    }

    private final HubClient hub;
    private final OutboundEvents events;
    private final TenantTransactions transactions;
    final SignedInUser owner;
    final UUID id;

    OutboundTenant(HubClient hub, OutboundEvents events, TenantTransactions transactions, String name) {
        this.hub = hub;
        this.events = events;
        this.transactions = transactions;
        this.owner = hub.signedInUser("Owner");
        this.id = hub.tenantOf(owner, name);
    }

    String endpoints() {
        return "/api/v1/tenants/" + id + "/webhook-endpoints";
    }

    String messages(Endpoint endpoint) {
        return endpoints() + "/" + endpoint.id() + "/messages";
    }

    Endpoint endpoint(String url, List<String> types, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "eventTypes", types));
        body.putAll(extra);
        Response created = hub.post(endpoints(), body, owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new Endpoint(UUID.fromString(created.body().get("endpoint").get("id").asString()),
                TestSecrets.register(created.body().get("secret").asString()));
    }

    static Map<String, Object> retries(String... schedule) {
        return Map.of("retryPolicy", Map.of("schedule", List.of(schedule)));
    }

    /** Publishes {@code count} events, each in its own committed transaction; answers their event ids. */
    List<UUID> publish(String type, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            ids.add(transactions.inTenant(id, () -> events.publish(id, type,
                    Map.of("endpointId", UUID.randomUUID(), "message", "event " + n))));
        }
        return ids;
    }

    /** GET of a path under the tenant's API, expecting 200. */
    JsonNode read(String path) {
        Response page = hub.get(path, owner.token());
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.body();
    }

    /** The endpoint's messages (first page) for a query such as {@code ?state=failed}. */
    JsonNode messages(Endpoint endpoint, String query) {
        return read(messages(endpoint) + query).get("messages");
    }

    /** The delivery (message) ids of events, for one endpoint. */
    static String webhookId(UUID eventId) {
        return "msg_" + eventId.toString().replace("-", "");
    }

    /** Moves deliveries' creation time back, as if they had been published {@code hours} ago. */
    static void backdate(List<String> deliveryIds, int hours) throws Exception {
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                "update webhook_deliveries set created_at = created_at - make_interval(hours => ?) where id = ?")) {
            for (String deliveryId : deliveryIds) {
                ps.setInt(1, hours);
                ps.setObject(2, UUID.fromString(deliveryId));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
