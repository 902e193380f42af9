package com.penguinmails.hub.bench.outside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Customers' webhook endpoints in the generator's process: one JDK HTTP server per endpoint on 127.0.0.1, each
 * answering 200 at once and counting what it received (all endpoints together).
 */
final class Receivers implements AutoCloseable {

    static {
        // without it the JDK server's replies wait on delayed ACKs (~40 ms each)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "receiver");
        thread.setDaemon(true);
        return thread;
    });
    final AtomicLong received = new AtomicLong();

    Receivers(int count) throws IOException {
        byte[] reply = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    received.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, reply.length);
                    exchange.getResponseBody().write(reply);
                }
            });
            server.setExecutor(threads);
            server.start();
            servers.add(server);
        }
    }

    List<String> urls() {
        return servers.stream().map(s -> "http://127.0.0.1:" + s.getAddress().getPort() + "/hooks").toList();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        threads.shutdownNow();
    }
}
