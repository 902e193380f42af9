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
        Set<String> figures = Set.of(options.getOrDefault("figures", "inbound,latency").split(","));
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

            // the hub's JIT compiles the paths before anything is measured: each one in turn, twice
            double batchesPerSecond = 0;
            for (int round = 0; round < 2; round++) {
                for (Load.Call path : List.of(stripeNoOp, stripe, singleNoOp, single, batchNoOp, batchSignedLive, liveness)) {
                    Load.Result warm = Load.closed("JVM warm-up", connections, Duration.ZERO, jvmWarmUp, path);
                    if (path == batchSignedLive) {
                        batchesPerSecond = warm.perSecond();
                    }
                }
            }

            List<Load.Result> results = new ArrayList<>();
            List<String> figuresLines = new ArrayList<>();
            String hubCommit = options.getOrDefault("commit", "?");
            if (figures.contains("inbound") || figures.contains("latency")) {
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

    private Load.Call post(String url, LongFunction<Signed.Body> bodies) {
        return sequence -> {
            Signed.Body body = bodies.apply(sequence);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
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
