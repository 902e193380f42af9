package com.penguinmails.hub.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The OAuth module's stand-ins, started once per test JVM on loopback (the hub's single Spring
 * context points its provider endpoints at them): a real OAuth 2.0 authorisation server
 * (mock-oauth2-server, which checks PKCE) with one issuer per provider, and WireMock for the
 * providers' APIs (Gmail, Graph, People, HubSpot) and for a provider defined by configuration only.
 */
public final class OAuthFakes {

    private static MockOAuth2Server authorizationServer;
    private static WireMockServer apis;

    private OAuthFakes() {
    }

    public static synchronized MockOAuth2Server authorizationServer() {
        if (authorizationServer == null) {
            authorizationServer = new MockOAuth2Server();
            authorizationServer.start(java.net.InetAddress.getLoopbackAddress(), 0);
        }
        return authorizationServer;
    }

    public static synchronized WireMockServer apis() {
        if (apis == null) {
            apis = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            apis.start();
        }
        return apis;
    }

    public static String apiBase() {
        return "http://127.0.0.1:" + apis().port();
    }

    /** The properties that point the hub's OAuth providers at the fakes. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        for (String provider : new String[]{"google", "microsoft", "hubspot"}) {
            String prefix = "hub.oauth.providers." + provider + ".";
            registry.add(prefix + "authorization-uri", () -> authorizationServer().authorizationEndpointUrl(provider).toString());
            registry.add(prefix + "token-uri", () -> authorizationServer().tokenEndpointUrl(provider).toString());
            registry.add(prefix + "mail-api-uri", OAuthFakes::apiBase);
            registry.add(prefix + "contacts-api-uri", OAuthFakes::apiBase);
        }
        registry.add("hub.oauth.providers.google.user-info-uri", () -> authorizationServer().userInfoUrl("google").toString());
        registry.add("hub.oauth.providers.google.revocation-uri", () -> apiBase() + "/google/revoke");
        registry.add("hub.oauth.providers.microsoft.user-info-uri", () -> apiBase() + "/v1.0/me");
        registry.add("hub.oauth.providers.hubspot.user-info-uri", () -> apiBase() + "/oauth/v1/access-tokens/{token}");
        registry.add("hub.oauth.providers.hubspot.revocation-uri", () -> apiBase() + "/oauth/v1/refresh-tokens");
        // a provider the hub knows from configuration alone
        registry.add("hub.oauth.providers.acme.authorization-uri", () -> apiBase() + "/acme/authorize");
        // a benchmark may put its own provider there with -Dhub.bench.acme-url (its context is its own)
        registry.add("hub.oauth.providers.acme.token-uri",
                () -> System.getProperty("hub.bench.acme-url", apiBase() + "/acme") + "/token");
        registry.add("hub.oauth.providers.acme.user-info-uri",
                () -> System.getProperty("hub.bench.acme-url", apiBase() + "/acme") + "/userinfo");
        registry.add("hub.oauth.providers.acme.revocation-uri", () -> apiBase() + "/acme/revoke");
    }
}
