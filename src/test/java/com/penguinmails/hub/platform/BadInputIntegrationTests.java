package com.penguinmails.hub.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, the hub answers with a clear problem or stores exactly what it was
 * given, and never answers 500.
 */
class BadInputIntegrationTests extends HubIntegrationTest {

    /** Text that breaks naive SQL, JSON or encoding handling, all of which must be stored literally. */
    static final List<String> AWKWARD_TEXT = List.of(
            "Robert'); DROP TABLE tenants;--",
            "' OR '1'='1",
            "\"quoted\" and \\backslashed\\",
            "100% _wild_ %% cards",
            "$1 $$dollar quoted$$ :named ?",
            "😀 emoji 👩‍👩‍👧 family",
            "مرحبا بالعالم",
            "ＦＵＬＬＷＩＤＴＨ",
            "e\u0301 combining",
            "zero\u200bwidth",
            "tab\tnew\nline",
            "<script>alert(1)</script>",
            "\u0002",
            "\u2003 em-spaced \u3000");

    private SignedInUser ada;
    private UUID tenant;

    @BeforeEach
    void aUserWithATenant() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Analytical Engines");
    }

    record Endpoint(String method, String path, Map<String, Object> validBody, String textField) {
    }

    private List<Endpoint> endpointsWithBodies() {
        String base = "/api/v1/tenants/" + tenant;
        return List.of(
                new Endpoint("POST", "/api/v1/auth/signup", Map.of("email", "x@example.com",
                        "password", "long enough password", "name", "X"), "name"),
                new Endpoint("POST", "/api/v1/auth/signin", Map.of("email", ada.email(), "password", "x"), "email"),
                new Endpoint("POST", "/api/v1/auth/verify-email", Map.of("token", "abc"), "token"),
                new Endpoint("POST", "/api/v1/tenants", Map.of("name", "T"), "name"),
                new Endpoint("PUT", base, Map.of("name", "T"), "name"),
                new Endpoint("PUT", base + "/members/" + ada.id(), Map.of("role", "owner"), "role"),
                new Endpoint("PUT", base + "/me/preferences", Map.of("theme", "dark", "language", "en",
                        "timezone", "UTC", "emailNotifications", true, "pushNotifications", true,
                        "weeklyReports", true, "marketingEmails", true), "timezone"));
    }

    @Test
    void unknownFieldsAreA400NamingThemAndChangeNothing() {
        for (Endpoint endpoint : endpointsWithBodies()) {
            Map<String, Object> body = new LinkedHashMap<>(endpoint.validBody());
            body.put("sendAt", "2030-01-01T00:00:00Z");
            Response r = hub().send(endpoint.method(), endpoint.path(), body, ada.token(), "application/json");
            assertProblem(r, 400, endpoint.toString());
            assertThat(r.code()).as(endpoint.toString()).isEqualTo("unknown_field");
            assertThat(r.body().get("errors").findValuesAsString("field")).as(endpoint.toString()).containsExactly("sendAt");
        }
        assertThat(hub().get("/api/v1/tenants/" + tenant, ada.token()).body().get("name").asString())
                .isEqualTo("Analytical Engines");
    }

    @Test
    void malformedJsonIsA400WithACode() {
        for (Endpoint endpoint : endpointsWithBodies()) {
            for (String body : List.of("{", "{\"name\": }", "[1,2", "not json", "{\"a\":\"\\uZZZZ\"}")) {
                Response r = hub().send(endpoint.method(), endpoint.path(), body, ada.token(), "application/json");
                assertProblem(r, 400, endpoint + " " + body);
                assertThat(r.code()).isEqualTo("malformed_request");
            }
        }
    }

    @Test
    void wrongTypesAreA400NamingTheField() {
        for (Endpoint endpoint : endpointsWithBodies()) {
            Map<String, Object> body = new LinkedHashMap<>(endpoint.validBody());
            body.put(endpoint.textField(), Map.of("nested", List.of(1, 2)));
            Response r = hub().send(endpoint.method(), endpoint.path(), body, ada.token(), "application/json");
            assertProblem(r, 400, endpoint.toString());
            assertThat(r.body().toString()).contains(endpoint.textField());
        }
        Map<String, Object> preferences = new LinkedHashMap<>(endpointsWithBodies().get(6).validBody());
        preferences.put("weeklyReports", List.of(true));
        assertProblem(hub().put("/api/v1/tenants/" + tenant + "/me/preferences", preferences, ada.token()), 400,
                "array for boolean");
    }

    @Test
    void overLongTextIsRefusedWithTheField() {
        for (Endpoint endpoint : endpointsWithBodies()) {
            Map<String, Object> body = new LinkedHashMap<>(endpoint.validBody());
            body.put(endpoint.textField(), "x".repeat(10_000));
            Response r = hub().send(endpoint.method(), endpoint.path(), body, ada.token(), "application/json");
            if (endpoint.path().endsWith("/signin")) {
                assertThat(r.status()).isIn(400, 401); // an over-long email is simply an unknown account
                continue;
            }
            assertProblem(r, 400, endpoint.toString());
            assertThat(r.body().get("errors").findValuesAsString("field")).contains(endpoint.textField());
        }
    }

    @Test
    void awkwardTextIsStoredLiterally() {
        for (String text : AWKWARD_TEXT) {
            Response created = hub().post("/api/v1/tenants", Map.of("name", text,
                    "settings", Map.of(text, text)), ada.token());
            assertThat(created.status()).as(text).isEqualTo(201);
            Response read = hub().get("/api/v1/tenants/" + created.body().get("id").asString(), ada.token());
            assertThat(read.body().get("name").asString()).isEqualTo(text.strip()); // names lose surrounding whitespace
            assertThat(read.body().get("settings").get(text).asString()).isEqualTo(text);
        }
        Response signUp = hub().post("/api/v1/auth/signup", Map.of("email", "o'brien+" + UUID.randomUUID()
                + "@example.com", "password", "long enough password", "name", AWKWARD_TEXT.get(0)), null);
        assertThat(signUp.status()).isEqualTo(201);
        assertThat(signUp.body().get("name").asString()).isEqualTo(AWKWARD_TEXT.get(0));
    }

    @Test
    void textPostgresCannotStoreIsRefusedNotMangled() {
        for (String json : List.of("{\"name\":\"nul\\u0000byte\"}", "{\"name\":\"lone \\ud800 surrogate\"}",
                "{\"name\":\"ok\",\"settings\":{\"k\":\"nul\\u0000\"}}")) {
            Response r = hub().send("POST", "/api/v1/tenants", json, ada.token(), "application/json");
            assertProblem(r, 400, json);
        }
        assertThat(hub().get("/api/v1/tenants", ada.token()).body().size()).isEqualTo(1);
    }

    @Test
    void arbitraryTextIsEitherStoredExactlyOrRefused() {
        List<String> samples = new ArrayList<>(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(220)
                .sampleStream().limit(150).toList());
        samples.addAll(Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30)
                .sampleStream().limit(50).toList());
        for (String name : samples) {
            Response r = hub().post("/api/v1/tenants", Map.of("name", name), ada.token());
            assertThat(r.status()).as(escape(name) + " -> " + r.raw().body()).isIn(201, 400);
            if (r.status() == 201) {
                assertThat(r.body().get("name").asString()).isEqualTo(name.strip());
            }
        }
    }

    @Test
    void protocolMistakesGetProblemsToo() {
        Response xml = hub().send("POST", "/api/v1/tenants", "<tenant/>", ada.token(), "application/xml");
        assertProblem(xml, 415, "xml");
        assertProblem(hub().send("PATCH", "/api/v1/auth/signin", "{}", null, "application/json"), 405, "patch");
        assertProblem(hub().get("/api/v1/no-such-thing", ada.token()), 404, "unknown path");
        assertProblem(hub().get("/api/v1/tenants/not-a-uuid", ada.token()), 400, "bad uuid");
        assertProblem(hub().post("/api/v1/tenants", Map.of("name", "x".repeat(2_000_000)), ada.token()), 413,
                "too large");
    }

    @Test
    void malformedFormBodiesAreRefusedNotFailed() {
        for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
            for (String token : java.util.Arrays.asList(ada.token(), null)) {
                Response r = hub().send(method, "/api/v1/tenants", "b=%ZZ&c=%", token, "application/x-www-form-urlencoded");
                assertThat(r.status()).as(method + " signed " + (token != null) + " -> " + r.raw().body()).isBetween(400, 499);
                assertThat(r.contentType()).as(method).startsWith("application/problem+json");
            }
        }
    }

    private static void assertProblem(Response r, int status, String context) {
        assertThat(r.status()).as(context + " -> " + r.raw().body()).isEqualTo(status);
        assertThat(r.contentType()).as(context).startsWith("application/problem+json");
        assertThat(r.code()).as(context).isNotBlank();
        assertThat(r.raw().body()).as(context).doesNotContain("Exception").doesNotContain("at com.");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(cp < 128 && cp >= 32 ? Character.toString(cp) : String.format("\\u%04x", cp)));
        return b.toString();
    }
}
