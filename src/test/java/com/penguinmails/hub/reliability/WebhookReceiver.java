package com.penguinmails.hub.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's webhook endpoint on loopback: records every delivery by its {@code webhook-id}
 * (the same on every retry, so repeats are counted as duplicates on the wire) and the inbound
 * event it carries (the click URL names it), and answers 204.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final Map<String, String> inboundEventByWebhookId = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/hooks", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                requests.incrementAndGet();
                if (id != null) {
                    receipts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    try {
                        JsonNode url = json.readTree(body).path("data").path("details").path("url");
                        if (url.isString()) {
                            String text = url.asString();
                            inboundEventByWebhookId.put(id, text.substring(text.lastIndexOf('/') + 1));
                        }
                    } catch (RuntimeException notJson) {
                        // counted, not attributed
                    }
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Distinct webhook-ids received. */
    Set<String> webhookIds() {
        return Set.copyOf(receipts.keySet());
    }

    /** Inbound event ids whose outbound message arrived. */
    Set<String> inboundEvents() {
        return Set.copyOf(inboundEventByWebhookId.values());
    }

    long requests() {
        return requests.get();
    }

    /** Requests beyond the first of each webhook-id. */
    long duplicates() {
        return requests.get() - receipts.size();
    }

    /** The most times one webhook-id arrived. */
    int maxReceiptsOfOne() {
        return receipts.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
