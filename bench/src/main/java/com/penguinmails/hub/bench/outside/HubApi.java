package com.penguinmails.hub.bench.outside;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hub's public API as a user calls it: sign up, sign in, create a tenant and its integrations. */
final class HubApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    HubApi(String base) {
        this.base = base;
    }

    /** Waits until the hub's readiness probe answers 200. */
    void awaitReady(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub at " + base + " was not ready within " + atMost);
            }
            Thread.sleep(250);
        }
    }

    /** Signs up a new user, signs in (the session is used from then on) and creates a tenant; answers its id. */
    String signUpWithTenant(String name) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String password = "bench-" + UUID.randomUUID();
        call("POST", "/api/v1/auth/signup", Map.of("email", email, "password", password, "name", name), 201);
        token = call("POST", "/api/v1/auth/signin", Map.of("email", email, "password", password), 200)
                .get("token").asString();
        return call("POST", "/api/v1/tenants", Map.of("name", name), 201).get("id").asString();
    }

    /** Creates an integration of the tenant and answers its id. */
    String integration(String tenant, Map<String, Object> definition) throws Exception {
        return call("POST", "/api/v1/tenants/" + tenant + "/integrations", definition, 201).get("id").asString();
    }

    /**
     * The hub's count of email events that matched no message ({@code hub_email_events_unmatched_total} on
     * {@code /actuator/prometheus}, all providers): every benchmark event ends there once an inbox worker has
     * processed it, so its growth is the processing rate.
     */
    double unmatchedEmailEvents() throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("hub_email_events_unmatched_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
