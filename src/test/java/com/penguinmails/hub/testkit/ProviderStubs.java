package com.penguinmails.hub.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server per test JVM standing in for the providers' APIs the shared context is
 * configured with (Mailgun US on {@code localhost}, Mailgun EU on {@code 127.0.0.1} — told apart by
 * the Host header — SendGrid and Stripe). Tests add stubs with paths of their own (their own domains).
 */
public final class ProviderStubs {

    private static WireMockServer server;

    private ProviderStubs() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Mailgun US; a benchmark may put its own faster stub there with {@code -Dhub.bench.mailgun-url}. */
    public static String mailgunUs() {
        return System.getProperty("hub.bench.mailgun-url", "http://localhost:" + server().port());
    }

    public static String mailgunEu() {
        return "http://127.0.0.1:" + server().port();
    }

    public static String stripe() {
        return "http://localhost:" + server().port();
    }

    public static String sendGrid() {
        return "http://localhost:" + server().port();
    }
}
