package com.penguinmails.hub.bench.outside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for every provider API the hub is pointed at during a run (Mailgun, SendGrid, Stripe): answers every
 * request at once with 200 and a small JSON body, and counts them, so no call ever leaves the machine.
 */
final class ProviderStub implements AutoCloseable {

    static {
        // without it the JDK server's replies wait on delayed ACKs (~40 ms each)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
        Thread thread = new Thread(r, "provider-stub");
        thread.setDaemon(true);
        return thread;
    });
    final AtomicLong requests = new AtomicLong();
    /** Mailgun sends of the domain the benchmark's messages go through ({@link #SENDING_DOMAIN}). */
    final AtomicLong messages = new AtomicLong();

    static final String SENDING_DOMAIN = "bench.example.com";

    ProviderStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().equals("/v3/" + SENDING_DOMAIN + "/messages")) {
                    messages.incrementAndGet();
                }
                byte[] reply = ("{\"id\":\"<stub-" + requests.incrementAndGet() + "@bench>\",\"message\":\"Queued\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
