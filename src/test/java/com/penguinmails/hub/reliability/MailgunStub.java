package com.penguinmails.hub.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** Mailgun's sending API on loopback: accepts every message and counts them per domain. */
final class MailgunStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();

    MailgunStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "mailgun-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/v3/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                String[] parts = exchange.getRequestURI().getPath().split("/");
                // /v3/{domain}/messages
                if ("POST".equals(exchange.getRequestMethod()) && parts.length == 4 && "messages".equals(parts[3])) {
                    sends.computeIfAbsent(parts[2], d -> new AtomicInteger()).incrementAndGet();
                    byte[] body = ("{\"id\":\"<" + UUID.randomUUID() + "@" + parts[2] + ">\",\"message\":\"Queued. Thank you.\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int sends(String domain) {
        AtomicInteger count = sends.get(domain);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
