package com.penguinmails.hub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

/**
 * Issue 6's benchmark: messages per second from accepted batch request to provider call, with a
 * local stub as Mailgun and no limit; then the achieved rate under a configured limit.
 * {@code mvn -B -Pbench test -Dtest=EmailSendBenchmark}
 */
class EmailSendBenchmark extends HubIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    private static final LocalStub MAILGUN = new LocalStub(200, "{\"id\":\"<bench@bench.example.com>\",\"message\":\"Queued\"}");

    static {
        System.setProperty("hub.bench.mailgun-url", MAILGUN.url()); // read by the shared test configuration
    }

    @DynamicPropertySource
    static void stubMailgun(DynamicPropertyRegistry registry) {
        registry.add("hub.email.sending.threads", () -> 32);
        registry.add("hub.email.sending.batch-size", () -> 200);
        registry.add("hub.db.pool-size", () -> 40); // one connection per sender thread and some for the HTTP side
    }

    @AfterAll
    static void stop() {
        System.clearProperty("hub.bench.mailgun-url");
        MAILGUN.close();
    }

    @Test
    void sendThroughput() throws Exception {
        SignedInUser owner = hub().signedInUser("Bench");
        UUID tenant = hub().tenantOf(owner, "Bench");
        List<String> lines = new ArrayList<>();
        lines.add("| scenario | messages | seconds | achieved | target |");
        lines.add("|---|---|---|---|---|");

        UUID unlimited = integration(owner, tenant, Map.of("requestsPerMinute", 6_000_000, "requestsPerHour", 360_000_000,
                "strategy", "token-bucket"));
        // warm-up: long enough for the JIT to compile the send path (with 2,000 messages, C2 compiled through
        // the whole measured run and took a quarter of the machine's CPU)
        int warmUp = BenchScale.count(10_000, 50);
        queue(owner, tenant, unlimited, warmUp);
        awaitStub(warmUp, Duration.ofMinutes(3));
        int messages = BenchScale.count(20_000, 200);
        long before = MAILGUN.requests.get();
        long started = System.nanoTime();
        queue(owner, tenant, unlimited, messages);
        double queueing = (System.nanoTime() - started) / 1e9;
        awaitStub(before + messages, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;
        lines.add(String.format("| no limit, 32 sender threads | %,d | %.1f | **%,.0f msg/s** | ≥ 2,000 msg/s |", messages,
                seconds, messages / seconds));
        lines.add(String.format("| (of which accepting: the %d batch requests of 1,000, while sending ran) | %,d | %.1f | %,.0f msg/s | |",
                (messages + 999) / 1000, messages, queueing, messages / queueing));

        // from stored to sent: the messages are accepted first while the senders are stopped, then drained
        org.springframework.context.SmartLifecycle senders = context.getBean("sendingWorker",
                org.springframework.context.SmartLifecycle.class);
        senders.stop();
        long drainFrom = MAILGUN.requests.get();
        queue(owner, tenant, unlimited, messages);
        long drainStart = System.nanoTime();
        senders.start();
        awaitStub(drainFrom + messages, Duration.ofMinutes(5));
        double drain = (System.nanoTime() - drainStart) / 1e9;
        lines.add(String.format("| no limit, accepted first, then sent (stored → provider call) | %,d | %.1f | **%,.0f msg/s** | |",
                messages, drain, messages / drain));

        // the same run's baseline: the stub called straight, 32 threads, a Mailgun-sized multipart body
        LoadGenerator.Result bare = bareBaseline();
        lines.add(String.format("| baseline: bare JDK client, 32 threads, same form body → the stub | %,d | %.1f | %,.0f req/s | |",
                bare.requests(), bare.seconds(), bare.perSecond()));

        for (int perSecond : List.of(50, 200)) {
            UUID limited = integration(owner, tenant, Map.of("requestsPerSecond", perSecond,
                    "requestsPerMinute", 6_000_000, "requestsPerHour", 360_000_000, "strategy", "token-bucket"));
            int total = perSecond * BenchScale.count(25, 3);
            long start = MAILGUN.requests.get();
            queue(owner, tenant, limited, total);
            // steady state: skip the bucket's initial burst (its capacity, one second's worth), then time the rest
            awaitStub(start + perSecond, Duration.ofMinutes(2));
            long steadyFrom = MAILGUN.requests.get();
            long t0 = System.nanoTime();
            awaitStub(start + total, Duration.ofMinutes(3));
            double steadySeconds = (System.nanoTime() - t0) / 1e9;
            double achieved = (start + total - steadyFrom) / steadySeconds;
            lines.add(String.format("| limit %d/s (token bucket) | %,d | %.1f | **%.1f msg/s (%+.1f %%)** | within 2 %% |",
                    perSecond, total, steadySeconds, achieved, 100.0 * (achieved - perSecond) / perSecond));
        }
        lines.add("");
        lines.add(String.format("Hub / bare = **%.2f** (the unlimited run against the baseline of the same run).",
                messages / seconds / bare.perSecond()));
        BenchmarkReport.write("email-send", "mvn -B -Pbench test -Dtest=EmailSendBenchmark", lines);
    }

    /** POSTs of a multipart body like the hub's straight to the stub: what the HTTP path alone allows. */
    private static LoadGenerator.Result bareBaseline() throws InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String boundary = "benchboundary0123456789";
        StringBuilder form = new StringBuilder();
        for (String[] field : new String[][] {{"from", "bench@bench.example.com"}, {"to", "reader@example.com"},
                {"subject", "Benchmark"}, {"text", "Hello"}, {"v:hub_message_id", java.util.UUID.randomUUID().toString()},
                {"v:hub_tenant_id", java.util.UUID.randomUUID().toString()}, {"v:campaign_id", "bench"}}) {
            form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        byte[] body = form.append("--").append(boundary).append("--\r\n").toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.URI uri = java.net.URI.create(MAILGUN.url() + "/v3/bench.example.com/messages");
        return LoadGenerator.run("bare JDK client → stub", 32, BenchScale.duration(Duration.ofSeconds(3)),
                BenchScale.duration(Duration.ofSeconds(10)), LoadGenerator.http(client, n -> java.net.http.HttpRequest
                        .newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", "Basic YXBpOmJlbmNo")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    private UUID integration(SignedInUser owner, UUID tenant, Map<String, Object> rateLimits) {
        var created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Mailgun " + UUID.randomUUID(),
                "category", "email_service", "provider", "mailgun", "configuration", Map.of("apiKey",
                        "bench-api-key-0123456789", "domain", "bench.example.com", "webhookSigningKey", "bench-sign-0123456789"),
                "rateLimits", rateLimits), owner.token());
        if (created.status() != 201) {
            throw new IllegalStateException(created.raw().body());
        }
        return UUID.fromString(created.body().get("id").asString());
    }

    private void queue(SignedInUser owner, UUID tenant, UUID integration, int count) {
        for (int offset = 0; offset < count; offset += 1000) {
            List<Map<String, Object>> recipients = new ArrayList<>();
            for (int i = offset; i < Math.min(count, offset + 1000); i++) {
                recipients.add(Map.of("email", "reader" + i + "-" + UUID.randomUUID().toString().substring(0, 6)
                        + "@example.com", "recipientId", "r" + i));
            }
            var accepted = hub().post("/api/v1/tenants/" + tenant + "/emails/batch", Map.of("from",
                    "bench@bench.example.com", "subject", "Benchmark", "text", "Hello", "campaignId", "bench",
                    "integrationId", integration.toString(), "recipients", recipients), owner.token());
            if (accepted.status() != 202) {
                throw new IllegalStateException(accepted.raw().body());
            }
        }
    }

    private static void awaitStub(long count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (MAILGUN.requests.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stub saw " + MAILGUN.requests.get() + " of " + count);
            }
            Thread.sleep(10);
        }
    }
}
