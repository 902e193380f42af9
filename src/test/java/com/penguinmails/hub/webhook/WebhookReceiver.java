package com.penguinmails.hub.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A customer's webhook endpoint on 127.0.0.1 (the JDK's HTTP server, one thread per request): records
 * every request, answers what {@link Answer} says, and keeps the first successful receipt of each
 * {@code webhook-id} (the receiver-side de-duplication Standard Webhooks asks for).
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String id, String timestamp, String signature, String body, Map<String, String> headers,
                           Instant at) {
    }

    @FunctionalInterface
    public interface Answer {
        /** The status to answer; {@code attempt} counts requests with this webhook-id, from 1. */
        int status(Received request, int attempt) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> requests = new ArrayList<>();
    private final Map<String, Received> accepted = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Answer answer;
    private volatile Map<String, String> replyHeaders = Map.of();

    public WebhookReceiver(Answer answer) {
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            inFlight.incrementAndGet();
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                Received received = new Received(headers.get("webhook-id"), headers.get("webhook-timestamp"),
                        headers.get("webhook-signature"), body, headers, Instant.now());
                synchronized (this) {
                    requests.add(received);
                }
                int attempt = attempts.computeIfAbsent(String.valueOf(received.id()), k -> new AtomicInteger())
                        .incrementAndGet();
                int status;
                try {
                    status = this.answer.status(received, attempt);
                } catch (Exception e) {
                    status = 599;
                }
                if (status >= 200 && status < 300) {
                    synchronized (this) {
                        accepted.putIfAbsent(received.id(), received);
                    }
                }
                byte[] reply = ("{\"ok\":" + (status < 300) + "}").getBytes(StandardCharsets.UTF_8);
                replyHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                exchange.sendResponseHeaders(status, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (IOException e) {
                // the hub gave up on this request (timeout): nothing to answer
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
    }

    public static WebhookReceiver answering(int status) {
        return new WebhookReceiver((request, attempt) -> status);
    }

    public void answer(Answer newAnswer) {
        this.answer = newAnswer;
    }

    /** Headers sent with every answer from now on (e.g. {@code Retry-After}). */
    public void replyHeaders(Map<String, String> headers) {
        this.replyHeaders = Map.copyOf(headers);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public synchronized List<Received> requests() {
        return List.copyOf(requests);
    }

    /** The first successful receipt of each webhook-id, in arrival order. */
    public synchronized List<Received> accepted() {
        return List.copyOf(accepted.values());
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * An independent Standard Webhooks verifier (not the hub's signer): HMAC-SHA256 keyed with the
     * base64-decoded part of {@code whsec_…} over {@code id.timestamp.body}; any of the space-separated
     * {@code v1,} signatures may match, compared in constant time; the timestamp within 5 minutes.
     */
    public static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader,
                                   Instant now) {
        if (id == null || timestamp == null || signatureHeader == null
                || Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        byte[] expected = expectedSignature(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String part : signatureHeader.split(" ")) {
            if (part.startsWith("v1,") && MessageDigest.isEqual(part.substring(3).getBytes(StandardCharsets.US_ASCII),
                    expected)) {
                return true;
            }
        }
        return false;
    }

    static String expectedSignature(String secret, String id, String timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
