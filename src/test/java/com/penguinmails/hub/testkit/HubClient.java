package com.penguinmails.hub.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Speaks to the running hub over real HTTP, as any client would. */
public final class HubClient {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = TestSecrets.register("correct horse battery staple");

    private final String base;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final EmailedCodes inbox;

    /** A client whose {@link #signedInUser} accounts stay unverified. */
    public HubClient(String base, JsonMapper json) {
        this(base, json, null);
    }

    /**
     * @param inbox the codes the hub emails: {@link #signedInUser} then verifies each account's address and
     *              {@link #addMember} accepts invitations, as the people would
     */
    public HubClient(String base, JsonMapper json, EmailedCodes inbox) {
        this.base = base;
        this.inbox = inbox;
        // non-ASCII travels as \\uXXXX escapes, so even unpaired surrogates reach the hub as sent
        this.json = json.rebuild().enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asString();
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, "application/json");
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, "application/json");
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token, "application/json");
    }

    public Response put(String path, Object body, String token) {
        return send("PUT", path, body, token, "application/json");
    }

    /** Sends {@code body} as is: a String is sent verbatim (malformed JSON tests), anything else as JSON. */
    public Response send(String method, String path, Object body, String token, String contentType) {
        return send(method, path, body, token, contentType, Map.of());
    }

    /** As {@link #send(String, String, Object, String, String)}, with extra request headers. */
    public Response send(String method, String path, Object body, String token, String contentType,
                         Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            String text = body instanceof String s ? s : json.writeValueAsString(body);
            publisher = HttpRequest.BodyPublishers.ofString(text);
            request.header("Content-Type", contentType);
        }
        request.method(method, publisher);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            String text = response.body();
            boolean lines = response.headers().firstValue("Content-Type").orElse("").contains("ndjson");
            if (text != null && !text.isBlank() && !lines && (text.startsWith("{") || text.startsWith("["))) {
                node = json.readTree(text);
            }
            return new Response(response.statusCode(), response, node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- fixtures that read like the domain ----

    public record SignedInUser(UUID id, String email, String token) {
    }

    public static String uniqueEmail(String name) {
        return name + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
    }

    /** A new account, its address verified when this client can read verification codes, signed in. */
    public SignedInUser signedInUser(String name) {
        String email = uniqueEmail(name);
        signUp(email, name);
        if (inbox != null) {
            verify(email);
        }
        return signIn(email);
    }

    /** A new account whose address is not verified, signed in. */
    public SignedInUser unverifiedUser(String name) {
        String email = uniqueEmail(name);
        signUp(email, name);
        return signIn(email);
    }

    public void signUp(String email, String name) {
        Response signUp = post("/api/v1/auth/signup", Map.of("email", email, "password", PASSWORD, "name", name), null);
        assertThat(signUp.status()).as(signUp.raw().body()).isEqualTo(201);
    }

    /** Verifies the address with the code last emailed to it. */
    public void verify(String email) {
        Response verified = post("/api/v1/auth/verify-email", Map.of("token", inbox.verification(email)), null);
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
    }

    public SignedInUser signIn(String email) {
        Response signIn = post("/api/v1/auth/signin", Map.of("email", email, "password", PASSWORD), null);
        assertThat(signIn.status()).as(signIn.raw().body()).isEqualTo(200);
        return new SignedInUser(UUID.fromString(signIn.body().get("user").get("id").asString()), email,
                TestSecrets.register(signIn.body().get("token").asString()));
    }

    public UUID tenantOf(SignedInUser owner, String name) {
        Response created = post("/api/v1/tenants", Map.of("name", name), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    /** {@code admin} invites the member's address with the role, and the member accepts the emailed invitation. */
    public void addMember(SignedInUser admin, UUID tenantId, SignedInUser member, String role) {
        Response invited = post("/api/v1/tenants/" + tenantId + "/invitations", Map.of("email", member.email(),
                "role", role), admin.token());
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        Response accepted = post("/api/v1/invitations/accept", Map.of("token", inbox.invitation(member.email())),
                member.token());
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
    }

    /** A tenant API key as created: its id and the key itself (shown only in that response). */
    public record ApiKey(UUID id, UUID tenantId, String key) {
    }

    public ApiKey apiKey(SignedInUser admin, UUID tenantId, String... scopes) {
        Response created = post("/api/v1/tenants/" + tenantId + "/api-keys",
                Map.of("name", "key " + SEQUENCE.incrementAndGet(), "scopes", java.util.List.of(scopes)), admin.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new ApiKey(UUID.fromString(created.body().get("id").asString()), tenantId,
                created.body().get("key").asString());
    }
}
