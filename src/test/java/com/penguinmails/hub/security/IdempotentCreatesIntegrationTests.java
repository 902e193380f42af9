package com.penguinmails.hub.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every create takes an {@code Idempotency-Key}: the same key and body answer the first answer again and
 * create nothing more; the same key with another body is refused.
 */
class IdempotentCreatesIntegrationTests extends HubIntegrationTest {

    private SignedInUser owner;
    private String base;

    @BeforeEach
    void aTenant() {
        owner = hub().signedInUser("Owner");
        base = "/api/v1/tenants/" + hub().tenantOf(owner, "Idempotent");
    }

    private Response post(String path, Object body, String key) {
        return hub().send("POST", base + path, body, owner.token(), "application/json", Map.of("Idempotency-Key", key));
    }

    /**
     * Posts {@code body} twice with one key and once with another body; {@code count} reads how many objects
     * the list holds, {@code id} the created object's id in an answer.
     */
    private void createsOnce(String path, Map<String, Object> body, Map<String, Object> otherBody, int created,
                             Function<JsonNode, Integer> count, Function<JsonNode, String> id) {
        createsOnce(path, path, body, otherBody, created, count, id);
    }

    private void createsOnce(String path, String list, Map<String, Object> body, Map<String, Object> otherBody,
                             int created, Function<JsonNode, Integer> count, Function<JsonNode, String> id) {
        String key = "create-" + UUID.randomUUID();
        int before = count.apply(hub().get(base + list, owner.token()).body());
        Response first = post(path, body, key);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(created);
        Response again = post(path, body, key);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(created);
        assertThat(id.apply(again.body())).isEqualTo(id.apply(first.body()));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(count.apply(hub().get(base + list, owner.token()).body())).isEqualTo(before + 1);

        Response reused = post(path, otherBody, key);
        assertThat(reused.status()).as(reused.raw().body()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(count.apply(hub().get(base + list, owner.token()).body())).isEqualTo(before + 1);

        Response fresh = post(path, otherBody, "create-" + UUID.randomUUID());
        assertThat(fresh.status()).as(fresh.raw().body()).isEqualTo(created);
        assertThat(id.apply(fresh.body())).isNotEqualTo(id.apply(first.body()));
    }

    @Test
    void aWebhookEndpointIsCreatedOncePerKey() {
        createsOnce("/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/first", "eventTypes", List.of("email.*")),
                Map.of("url", "http://127.0.0.1:9/second", "eventTypes", List.of("email.*")), 201,
                page -> page.get("endpoints").size(), created -> created.get("endpoint").get("id").asString());
    }

    @Test
    void anIntegrationIsCreatedOncePerKey() {
        createsOnce("/integrations", mailgun("Mailgun"), mailgun("Mailgun two"), 201,
                JsonNode::size, created -> created.get("id").asString());
    }

    @Test
    void anApiKeyIsCreatedOncePerKeyAndTheRepeatShowsTheSameKey() {
        createsOnce("/api-keys", Map.of("name", "ci", "scopes", List.of("webhooks:read")),
                Map.of("name", "ci two", "scopes", List.of("webhooks:read")), 201,
                JsonNode::size, created -> created.get("key").asString());
    }

    @Test
    void aSupportRequestOpensOneTicketPerKey() {
        createsOnce("/support/requests", "/support/tickets", supportRequest("Broken API"), supportRequest("Another problem"), 201,
                page -> page.get("tickets").size(), routed -> routed.get("ticket").get("id").asString());
    }

    @Test
    void aMalformedKeyIsRefused() {
        Response bad = post("/api-keys", Map.of("name", "ci", "scopes", List.of("webhooks:read")), "not a key!");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(hub().get(base + "/api-keys", owner.token()).body()).isEmpty();
    }

    private static Map<String, Object> mailgun(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("category", "email_service");
        body.put("provider", "mailgun");
        body.put("configuration", Map.of("apiKey", TestSecrets.fresh("key-"), "domain", "mg.example.com",
                "webhookSigningKey", TestSecrets.fresh("sign-")));
        return body;
    }

    private static Map<String, Object> supportRequest(String subject) {
        return Map.of("subject", subject, "description", "Something broke: error 500 in the API.",
                "category", "technical", "complexity", "high");
    }
}
