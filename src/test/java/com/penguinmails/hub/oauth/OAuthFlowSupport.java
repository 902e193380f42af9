package com.penguinmails.hub.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser's side of the connect flow, over real HTTP, for the OAuth tests. */
final class OAuthFlowSupport {

    /**
     * The suite's {@code hub.public-base-url} (the default): redirect URIs must be the hub's callback under
     * it. A reverse proxy would forward it to a node; the browser here sends it to the test's own port.
     */
    static final String PUBLIC_BASE_URL = "http://localhost:8080";

    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HubClient hub;
    private final int port;

    OAuthFlowSupport(HubClient hub, int port) {
        this.hub = hub;
        this.port = port;
    }

    /** A started authorisation: the provider URL, its query, and the browser-binding cookie. */
    record Started(URI url, Map<String, String> query, String cookie) {
        String state() {
            return query.get("state");
        }
    }

    /** Registers the tenant's integration holding the OAuth client of {@code provider} (registry provider {@code registryProvider}). */
    UUID integration(SignedInUser owner, UUID tenant, String registryProvider, String provider, String category,
                     Map<String, Object> extra) {
        return integration(owner, tenant, registryProvider, provider, category, extra, Map.of());
    }

    UUID integration(SignedInUser owner, UUID tenant, String registryProvider, String provider, String category,
                     Map<String, Object> extra, Map<String, Object> settings) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("clientId", provider + "-client-" + UUID.randomUUID().toString().substring(0, 8));
        configuration.put("clientSecret", TestSecrets.fresh("oauth-client-secret-"));
        configuration.put("scopes", List.of(provider + ".read", provider + ".send"));
        configuration.put("redirectUri", redirectUri(provider));
        configuration.putAll(extra);
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.putAll(Map.of("name", provider + " account", "category", category, "provider", registryProvider,
                "configuration", configuration));
        Response created = hub.post("/api/v1/tenants/" + tenant + "/integrations", body, owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asString());
    }

    String redirectUri(String provider) {
        return PUBLIC_BASE_URL + "/oauth/callback/" + provider;
    }

    Started authorize(SignedInUser user, UUID tenant, String provider) {
        Response answer = hub.post("/api/v1/tenants/" + tenant + "/oauth/" + provider + "/authorize", Map.of(), user.token());
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        String setCookie = answer.header("Set-Cookie");
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax");
        URI url = URI.create(answer.body().get("authorizationUrl").asString());
        return new Started(url, query(url), setCookie.substring(0, setCookie.indexOf(';')));
    }

    /**
     * The user signs in at the (mock) authorisation server and consents: its login form is posted
     * back to the authorisation URL; the server answers with its redirect to our callback.
     */
    URI consent(Started started, String subject, String email) {
        String form = "username=" + encode(subject) + "&claims=" + encode("{\"email\":\"" + email + "\"}");
        HttpRequest request = HttpRequest.newBuilder(started.url()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> answer = BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            return URI.create(answer.headers().firstValue("Location").orElseThrow());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows a redirect to the hub's callback as the browser would; answers the console URL it leads to. */
    URI callback(URI callback, String cookie) {
        if (callback.toString().startsWith(PUBLIC_BASE_URL + "/")) {
            callback = URI.create("http://localhost:" + port + callback.toString().substring(PUBLIC_BASE_URL.length()));
        }
        HttpResponse<String> answer = browse(callback, cookie);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    URI callback(String provider, String query, String cookie) {
        return callback(URI.create("http://localhost:" + port + "/oauth/callback/" + provider + "?" + query), cookie);
    }

    static HttpResponse<String> browse(URI uri, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
