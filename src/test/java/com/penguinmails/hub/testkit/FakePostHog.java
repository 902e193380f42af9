package com.penguinmails.hub.testkit;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The platform's PostHog account for the shared test context: one WireMock per test JVM on loopback,
 * accepting every batch and answering no flags unless a test stubs more. Tests find their own
 * events in it by distinct id (every test class makes its own users and tenants); none resets it.
 */
public final class FakePostHog {

    public static final String PROJECT_API_KEY = "phc_suiteProjectKey0123456789";
    public static final String PERSONAL_API_KEY = TestSecrets.register("phx_suitePersonalKey" + java.util.UUID.randomUUID()
            .toString().replace("-", ""));
    public static final String PROJECT_ID = "4242";

    private static WireMockServer server;

    private FakePostHog() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(post(urlEqualTo("/batch/")).atPriority(10)
                    .willReturn(aResponse().withStatus(200).withBody("{\"status\": 1}")));
            server.stubFor(post(urlPathEqualTo("/flags")).atPriority(10)
                    .willReturn(aResponse().withStatus(200).withBody("{\"flags\": {}, \"errorsWhileComputingFlags\": false}")));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String url() {
        return "http://127.0.0.1:" + server().port();
    }

    /** Every batch received so far whose body mentions {@code text} (a user or tenant id). */
    public static List<LoggedRequest> batchesMentioning(String text) {
        return server().findAll(postRequestedFor(urlEqualTo("/batch/"))).stream()
                .filter(request -> request.getBodyAsString().contains(text))
                .toList();
    }
}
