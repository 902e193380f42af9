package com.penguinmails.hub.bench.outside;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * The outside load generator that {@code bench/run} starts in its own JVM against a hub it started from the
 * packaged jar: sets up a tenant and its integrations through the public API, then measures each webhook path
 * against the hub's no-op endpoint ({@code hub.bench.no-op-endpoint=true}) fed the same body, in the same run,
 * and writes the table to {@code --out}.
 */
public final class OutsideBench {

    private static final int BATCH = 100;

    private final Map<String, String> options;
    private final String base;
    private final int connections;
    private final Duration warmUp;
    private final Duration measure;
    private final Duration jvmWarmUp;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String sending;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private OutsideBench(Map<String, String> options) {
        this.options = options;
        this.base = required("hub");
        this.connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        this.warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up", "5")));
        this.measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("measure", "15")));
        this.jvmWarmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("jvm-warm-up", "5")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new OutsideBench(options).measure();
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=… is required");
        }
        return value;
    }

    private void measure() throws Exception {
        Set<String> figures = Set.of(options.getOrDefault("figures", "inbound,latency,email,outbound").split(","));
        try (ProviderStub stub = new ProviderStub(Integer.parseInt(required("stub-port")))) {
            HubApi api = new HubApi(base);
            api.awaitReady(Duration.ofMinutes(3));
            String tenant = api.signUpWithTenant("Bench");
            String signingKey = "bench-signing-key-" + UUID.randomUUID();
            String mailgun = api.integration(tenant, Map.of("name", "Mailgun", "category", "email_service",
                    "provider", "mailgun", "configuration", Map.of("apiKey", "bench-api-key-0123456789",
                            "domain", "bench.example.com", "webhookSigningKey", signingKey)));
            KeyPair keys = Signed.sendGridKeys();
            String sendgrid = api.integration(tenant, Map.of("name", "SendGrid", "category", "email_service",
                    "provider", "sendgrid", "configuration", Map.of("apiKey", "SG.benchbenchbench.benchbenchbench",
                            "eventWebhookPublicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))));

            String stripeSecret = required("stripe-secret");
            String noOp = base + "/bench/noop";
            LongFunction<Signed.Body> stripeBody = n -> Signed.stripe(stripeSecret, run + n, Instant.now().getEpochSecond());
            LongFunction<Signed.Body> mailgunBody = n -> Signed.mailgun(signingKey, run + "-" + n,
                    UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond());
            Load.Call stripe = post(base + "/api/webhooks/stripe", stripeBody);
            Load.Call stripeNoOp = post(noOp, stripeBody);
            Load.Call single = post(base + "/api/webhooks/mailgun/" + mailgun, mailgunBody);
            Load.Call singleNoOp = post(noOp, mailgunBody);
            String batchUrl = base + "/api/webhooks/sendgrid/" + sendgrid;
            // the no-op gets batches of the same size with a signature of the same length that nothing checks
            String anySignature = Signed.sendGridSignature(keys, "0", "");
            Load.Call batchNoOp = post(noOp, n -> new Signed.Body(Signed.sendGridBatch(run + "-noop-" + n, BATCH),
                    Signed.sendGridHeaders(Long.toString(Instant.now().getEpochSecond()), anySignature)));
            Load.Call batchSignedLive = post(batchUrl, n -> {
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                String body = Signed.sendGridBatch(run + "-warm-" + n, BATCH);
                return new Signed.Body(body, Signed.sendGridHeaders(timestamp, Signed.sendGridSignature(keys, timestamp, body)));
            });
            Load.Call liveness = get(base + "/actuator/health/liveness");

            List<Load.Result> results = new ArrayList<>();
            List<String> figuresLines = new ArrayList<>();
            // sending and delivering first, on a hub with an empty inbox: the inbound runs leave a backlog of events
            // that the inbox workers take minutes to process, which would share the machine with these
            if (figures.contains("email")) {
                figuresLines.add(email(api, tenant, stub, results));
            }
            if (figures.contains("outbound")) {
                figuresLines.add(outbound(api, tenant, stub, results));
            }

            // the hub's JIT compiles the paths before anything is measured: each one in turn, twice
            double batchesPerSecond = 0;
            boolean inbound = figures.contains("inbound") || figures.contains("latency");
            for (int round = 0; inbound && round < 2; round++) {
                for (Load.Call path : List.of(stripeNoOp, stripe, singleNoOp, single, batchNoOp, batchSignedLive, liveness)) {
                    Load.Result warm = Load.closed("JVM warm-up", connections, Duration.ZERO, jvmWarmUp, path);
                    if (path == batchSignedLive) {
                        batchesPerSecond = warm.perSecond();
                    }
                }
            }

            String hubCommit = options.getOrDefault("commit", "?");
            if (inbound) {
                Load.Result getResult = Load.closed("GET /actuator/health/liveness (reference)", connections, warmUp, measure, liveness);
                Load.Result stripeNoOpResult = Load.closed("no-op POST, Stripe body", connections, warmUp, measure, stripeNoOp);
                Load.Result stripeResult = Load.closed("Stripe signed event (platform endpoint)", connections, warmUp, measure, stripe);
                results.addAll(List.of(getResult, stripeNoOpResult, stripeResult));
                figuresLines.add(String.format("Stripe single / no-op = **%.2f** (%,.0f / %,.0f per second); Stripe / GET "
                                + "liveness = %.2f", stripeResult.perSecond() / stripeNoOpResult.perSecond(),
                        stripeResult.perSecond(), stripeNoOpResult.perSecond(), stripeResult.perSecond() / getResult.perSecond()));
                if (figures.contains("inbound")) {
                    Load.Result singleNoOpResult = Load.closed("no-op POST, Mailgun body", connections, warmUp, measure, singleNoOp);
                    double unmatchedBefore = api.unmatchedEmailEvents();
                    Load.Result singleResult = Load.closed("Mailgun signed event", connections, warmUp, measure, single);
                    double singleProcessed = (api.unmatchedEmailEvents() - unmatchedBefore)
                            / (warmUp.toSeconds() + measure.toSeconds());
                    Load.Result batchNoOpResult = Load.closed("no-op POST, SendGrid batch body (100 events)", connections,
                            warmUp, measure, batchNoOp);
                    // SendGrid signs on its own machines: the measured batches are signed before the run, so the
                    // generator's ECDSA does not take the cores the hub is measured on
                    // (three times what the warm-up rate needs: the warm-up signed live, which slowed it)
                    PresignedBatches presigned = new PresignedBatches(keys, run + "-signed", (int) Math.min(40_000,
                            Math.max(2_000, batchesPerSecond * 3 * (warmUp.toSeconds() + measure.toSeconds()))));
                    unmatchedBefore = api.unmatchedEmailEvents();
                    Load.Result batchResult = Load.closed("SendGrid signed batch of 100 events (signed before the run)",
                            connections, warmUp, measure, post(batchUrl, n -> presigned.next()));
                    double batchProcessed = (api.unmatchedEmailEvents() - unmatchedBefore)
                            / (warmUp.toSeconds() + measure.toSeconds());
                    results.addAll(List.of(singleNoOpResult, singleResult, batchNoOpResult, batchResult));
                    figuresLines.add(String.format("Mailgun single / no-op = **%.2f** (%,.0f / %,.0f per second); "
                                    + "meanwhile the hub's inbox workers processed %,.0f events/s",
                            singleResult.perSecond() / singleNoOpResult.perSecond(), singleResult.perSecond(),
                            singleNoOpResult.perSecond(), singleProcessed));
                    figuresLines.add(String.format("SendGrid batches / no-op = **%.2f** (%,.0f / %,.0f per second): "
                                    + "**%,.0f events/s**; %,d batches signed before the run, %,d signed while it ran; "
                                    + "meanwhile the inbox workers processed %,.0f events/s",
                            batchResult.perSecond() / batchNoOpResult.perSecond(), batchResult.perSecond(),
                            batchNoOpResult.perSecond(), batchResult.perSecond() * BATCH, presigned.size(),
                            presigned.signedLive(), batchProcessed));
                }
                if (figures.contains("latency")) {
                    double half = stripeResult.perSecond() / 2;
                    int senders = Math.max(64, connections * 2);
                    Load.Result pacedNoOp = Load.open(String.format("no-op POST, Stripe body, open loop at %,.0f/s", half),
                            half, senders, warmUp, measure, stripeNoOp);
                    Load.Result paced = Load.open(String.format("Stripe signed event, open loop at %,.0f/s (half its "
                            + "closed-loop rate)", half), half, senders, warmUp, measure, stripe);
                    results.addAll(List.of(pacedNoOp, paced));
                    figuresLines.add(String.format("Stripe at half its saturating rate (%,.0f/s, open loop, latency from "
                                    + "the intended send time): p50 **%.2f ms**, p99 **%.2f ms**; the no-op at the same "
                                    + "rate: p50 %.2f ms, p99 %.2f ms (p99 ratio %.1f)", half, paced.p50Ms(), paced.p99Ms(),
                            pacedNoOp.p50Ms(), pacedNoOp.p99Ms(), paced.p99Ms() / pacedNoOp.p99Ms()));
                }
            }


            List<String> report = new ArrayList<>();
            report.add("# Outside benchmark, " + Instant.now());
            report.add("");
            report.add("Command: `" + options.getOrDefault("command", "bench/run") + "`; hub commit " + hubCommit
                    + "; machine: " + options.getOrDefault("machine", "?") + "; " + connections + " connections, "
                    + warmUp.toSeconds() + " s warm-up + " + measure.toSeconds() + " s measured per run, after a JVM "
                    + "warm-up of " + jvmWarmUp.toSeconds() + " s per path, twice.");
            report.add("");
            report.add(Load.Result.HEADER);
            results.forEach(r -> report.add(r.row()));
            report.add("");
            results.stream().filter(r -> r.firstError() != null).forEach(r -> report.add("- " + r.name()
                    + ": statuses " + r.statuses() + ", the first non-2xx: `" + r.firstError().replace('\n', ' ') + "`"));
            figuresLines.forEach(line -> report.add("- " + line));
            report.add("");
            report.add("Provider stub calls during the run: " + stub.requests.get());
            String text = String.join("\n", report) + "\n";
            System.out.print(text);
            if (options.containsKey("out")) {
                Path out = Path.of(options.get("out"));
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, text);
            }
        }
    }

    /**
     * Messages per second from accepted ({@code POST …/emails/batch}, 1,000 recipients a request) to the provider
     * stub's intake, at the hub's default sending settings, against the stub's own intake from a bare JDK client
     * with a Mailgun-sized multipart body.
     */
    private String sendingIntegration(HubApi api, String tenant) throws Exception {
        if (sending == null) {
            sending = api.integration(tenant, Map.of("name", "Mailgun sending", "category", "email_service",
                    "provider", "mailgun", "configuration", Map.of("apiKey", "bench-api-key-0123456789", "domain",
                            ProviderStub.SENDING_DOMAIN, "webhookSigningKey", "bench-sign-0123456789"),
                    "rateLimits", Map.of("requestsPerMinute", 6_000_000, "requestsPerHour", 360_000_000,
                            "strategy", "token-bucket")));
        }
        return sending;
    }

    private String email(HubApi api, String tenant, ProviderStub stub, List<Load.Result> results) throws Exception {
        String mailgun = sendingIntegration(api, tenant);
        int warm = Integer.parseInt(options.getOrDefault("email-warm-up", "5000"));
        int measured = Integer.parseInt(options.getOrDefault("email-messages", "20000"));
        String loadBefore = Load.loadAverage();
        sendAndAwait(api, tenant, mailgun, stub, warm);
        long started = System.nanoTime();
        double accepting = sendAndAwait(api, tenant, mailgun, stub, measured);
        double seconds = (System.nanoTime() - started) / 1e9;
        String loadAfter = Load.loadAverage();

        String boundary = "benchboundary0123456789";
        StringBuilder form = new StringBuilder();
        for (String[] field : new String[][] {{"from", "bench@bench.example.com"}, {"to", "reader@example.com"},
                {"subject", "Benchmark"}, {"text", "Hello"}, {"v:hub_message_id", UUID.randomUUID().toString()},
                {"v:hub_tenant_id", UUID.randomUUID().toString()}, {"v:campaign_id", "bench"}}) {
            form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        String body = form.append("--").append(boundary).append("--\r\n").toString();
        Load.Result bare = Load.closed("bare JDK client → the provider stub, Mailgun-sized multipart body", connections,
                warmUp, measure, post("http://127.0.0.1:" + stub.port() + "/v3/baseline.example.com/messages",
                        n -> new Signed.Body(body, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary,
                                "Authorization", "Basic YXBpOmJlbmNo"))));
        results.add(new Load.Result(String.format("email: %,d messages accepted (batches of 1,000) → provider stub",
                measured), measured, 0, seconds, measured / seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Map.of(), null, loadBefore, loadAfter));
        results.add(bare);
        return String.format("Email accepted → provider stub = **%,.0f messages/s** (%,d in %.1f s, of which %.1f s "
                        + "accepting them); the stub's own intake %,.0f/s: ratio **%.2f**", measured / seconds, measured,
                seconds, accepting, bare.perSecond(), measured / seconds / bare.perSecond());
    }

    /**
     * Outbound deliveries per second to {@code --endpoints} (100) receivers in this process: each endpoint subscribes
     * to {@code email.sent}, so every message the hub sends (through the provider stub) is delivered to all of them;
     * timed from the first delivery of the run to the last, at the hub's default delivery settings. Against the same
     * receivers driven by a bare JDK client from as many threads as the hub has delivery workers (32 by default),
     * with a body of the size of the hub's deliveries.
     */
    private String outbound(HubApi api, String tenant, ProviderStub stub, List<Load.Result> results) throws Exception {
        int endpoints = Integer.parseInt(options.getOrDefault("endpoints", "100"));
        int messages = Integer.parseInt(options.getOrDefault("outbound-messages", "300"));
        String mailgun = sendingIntegration(api, tenant);
        try (Receivers receivers = new Receivers(endpoints)) {
            for (String url : receivers.urls()) {
                api.call("POST", "/api/v1/tenants/" + tenant + "/webhook-endpoints", Map.of("url", url,
                        "eventTypes", List.of("email.sent"), "description", "bench receiver"), 201);
            }
            String loadBefore = Load.loadAverage();
            awaitDeliveries(api, tenant, mailgun, stub, receivers, Math.max(1, messages / 2), endpoints);
            double[] measured = awaitDeliveries(api, tenant, mailgun, stub, receivers, messages, endpoints);
            String loadAfter = Load.loadAverage();
            long deliveries = (long) messages * endpoints;
            double perSecond = deliveries / measured[0];
            results.add(new Load.Result(String.format("outbound: %,d deliveries (%,d messages × %d endpoints "
                            + "subscribed to email.sent), first to last", deliveries, messages, endpoints), deliveries, 0,
                    measured[0], perSecond, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), null, loadBefore,
                    loadAfter));
            String body = "{\"type\":\"email.sent\",\"timestamp\":\"2026-12-08T00:00:00Z\",\"data\":{\"messageId\":\""
                    + UUID.randomUUID() + "\",\"tenantId\":\"" + UUID.randomUUID() + "\",\"provider\":\"mailgun\","
                    + "\"providerMessageId\":\"stub-1@bench\",\"campaignId\":\"bench\",\"recipientId\":\"r1\","
                    + "\"recipients\":[\"reader1@example.com\"]}}";
            List<String> urls = receivers.urls();
            Load.Result bare = Load.closed(String.format("bare JDK client, 32 threads → the same %d receivers", endpoints),
                    32, warmUp, measure, post(i -> urls.get((int) (i % urls.size())), n -> new Signed.Body(body,
                            Map.of("Content-Type", "application/json", "webhook-id", "msg_" + n,
                                    "webhook-timestamp", Long.toString(Instant.now().getEpochSecond()),
                                    "webhook-signature", "v1,bench"))));
            results.add(bare);
            return String.format("Outbound deliveries = **%,.0f/s** (%,d in %.1f s from the first to the last; the "
                            + "messages were accepted in %.1f s); the bare client %,.0f/s: ratio **%.2f**", perSecond,
                    deliveries, measured[0], measured[1], bare.perSecond(), perSecond / bare.perSecond());
        }
    }

    /**
     * Sends {@code messages} messages and waits for {@code endpoints} deliveries of each; answers the seconds from
     * the first delivery to the last and the seconds spent queueing the messages.
     */
    private static double[] awaitDeliveries(HubApi api, String tenant, String integration, ProviderStub stub,
                                            Receivers receivers, int messages, int endpoints) throws Exception {
        long from = receivers.received.get();
        long target = from + (long) messages * endpoints;
        double accepting = sendAndAwait(api, tenant, integration, stub, messages);
        long first = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            long now = System.nanoTime();
            long received = receivers.received.get();
            if (first == 0 && received > from) {
                first = now;
            }
            if (received >= target) {
                return new double[] {(now - first) / 1e9, accepting};
            }
            if (now > deadline) {
                throw new IllegalStateException("the receivers saw " + (received - from) + " of " + (target - from)
                        + " deliveries");
            }
            Thread.sleep(2);
        }
    }

    /** Queues {@code count} messages in batches of 1,000 and waits for the stub to have them all; answers the seconds spent queueing. */
    private static double sendAndAwait(HubApi api, String tenant, String integration, ProviderStub stub, int count)
            throws Exception {
        long target = stub.messages.get() + count;
        long started = System.nanoTime();
        for (int offset = 0; offset < count; offset += 1000) {
            List<Map<String, Object>> recipients = new ArrayList<>();
            for (int i = offset; i < Math.min(count, offset + 1000); i++) {
                recipients.add(Map.of("email", "reader" + i + "-" + UUID.randomUUID().toString().substring(0, 8)
                        + "@example.com", "recipientId", "r" + i));
            }
            api.call("POST", "/api/v1/tenants/" + tenant + "/emails/batch", Map.of("from", "bench@bench.example.com",
                    "subject", "Benchmark", "text", "Hello", "campaignId", "bench", "integrationId", integration,
                    "recipients", recipients), 202);
        }
        double accepting = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (stub.messages.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the provider stub saw " + stub.messages.get() + " of " + target + " messages");
            }
            Thread.sleep(10);
        }
        return accepting;
    }

    private Load.Call post(String url, LongFunction<Signed.Body> bodies) {
        return post(sequence -> url, bodies);
    }

    private Load.Call post(LongFunction<String> urls, LongFunction<Signed.Body> bodies) {
        return sequence -> {
            Signed.Body body = bodies.apply(sequence);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.apply(sequence)))
                    .POST(HttpRequest.BodyPublishers.ofString(body.body()));
            body.headers().forEach(request::header);
            return answer(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        };
    }

    private Load.Call get(String url) {
        return sequence -> answer(client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static Load.Answer answer(HttpResponse<String> response) {
        int status = response.statusCode();
        return new Load.Answer(status, status >= 200 && status < 300 ? "" : response.body());
    }

    /**
     * SendGrid batches signed ahead, in parallel, before the measured run: batch i is rebuilt from its number when
     * sent and carries the signature made for it; past the pool, batches are signed as they are sent (and counted).
     */
    private static final class PresignedBatches {
        private final KeyPair keys;
        private final String prefix;
        private final String timestamp = Long.toString(Instant.now().getEpochSecond());
        private final String[] signatures;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger live = new AtomicInteger();

        PresignedBatches(KeyPair keys, String prefix, int count) {
            this.keys = keys;
            this.prefix = prefix;
            this.signatures = IntStream.range(0, count).parallel()
                    .mapToObj(i -> Signed.sendGridSignature(keys, timestamp, Signed.sendGridBatch(prefix + "-" + i, BATCH)))
                    .toArray(String[]::new);
        }

        Signed.Body next() {
            int i = next.getAndIncrement();
            String body = Signed.sendGridBatch(prefix + "-" + i, BATCH);
            String signature;
            if (i < signatures.length) {
                signature = signatures[i];
            } else {
                live.incrementAndGet();
                signature = Signed.sendGridSignature(keys, timestamp, body);
            }
            return new Signed.Body(body, Signed.sendGridHeaders(timestamp, signature));
        }

        int size() {
            return signatures.length;
        }

        int signedLive() {
            return live.get();
        }
    }
}
