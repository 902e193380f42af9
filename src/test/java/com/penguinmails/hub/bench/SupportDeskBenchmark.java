package com.penguinmails.hub.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.penguinmails.hub.support.SupportFixtures;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

/**
 * Issue 11's benchmark: the guide's 10,000+ tickets a month. Opens N tickets (half through the API as
 * support requests, half as inbound raw emails), each followed by a reply (an agent's public reply
 * for API tickets, the customer's emailed answer threaded by its subject token for email tickets),
 * then measures the queue and report queries against the filled desk. Baseline, in the same run on the
 * same server: the same number of requests with the same bodies (the support request and reply JSON, the
 * raw emails) and the same client threads, posted to the no-op endpoint ({@link NoOpEndpoint}).
 * {@code mvn -B -Pbench test -Dtest=SupportDeskBenchmark [-Dhub.bench.support.tickets=10000]}
 */
@Import(NoOpEndpoint.class)
class SupportDeskBenchmark extends HubIntegrationTest {

    private static final int TICKETS = Integer.getInteger("hub.bench.support.tickets", BenchScale.count(10_000, 100));
    private static final int THREADS = Integer.getInteger("hub.bench.support.threads", 8);
    private static final int QUERIES = Integer.getInteger("hub.bench.support.queries", BenchScale.count(200, 10));

    @Test
    void ticketsWithRepliesThenQueueAndReportLatency() throws Exception {
        SignedInUser customer = hub().signedInUser("BenchCustomer");
        UUID tenant = hub().tenantOf(customer, "Bench Support");
        SignedInUser agent = SupportFixtures.agent(hub(), "BenchAgent");
        String base = "http://localhost:" + port;
        for (int i = 0; i < 10; i++) {
            hub().post("/api/v1/support/desk/kb/articles", Map.of("title", "Bench article " + i + " about DKIM and bounces",
                    "slug", "bench-" + UUID.randomUUID().toString().substring(0, 8), "body",
                    "How to fix DKIM signatures, SPF records and bounced messages, part " + i, "category", "technical",
                    "published", true), agent.token());
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AtomicLong failures = new AtomicLong();
        Histogram openApi = new Histogram(3_600_000_000L, 3);
        Histogram openEmail = new Histogram(3_600_000_000L, 3);
        Histogram reply = new Histogram(3_600_000_000L, 3);

        long t0 = System.nanoTime();
        parallel(TICKETS, i -> {
            if (i % 2 == 0) {
                long a = System.nanoTime();
                Response opened = hub().post("/api/v1/tenants/" + tenant + "/support/requests", Map.of("subject",
                        "Bench ticket " + i + ": webhook error", "description", "Deliveries fail with HTTP 500 (" + i + ")",
                        "category", "technical", "complexity", "high"), customer.token());
                record(openApi, a);
                if (opened.status() != 201) {
                    failures.incrementAndGet();
                    return;
                }
                long b = System.nanoTime();
                Response answered = hub().post("/api/v1/support/desk/tickets/" + opened.body().get("ticket").get("id")
                        .asString() + "/messages", Map.of("body", "We are looking into it."), agent.token());
                record(reply, b);
                if (answered.status() != 201) {
                    failures.incrementAndGet();
                }
            } else {
                String from = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
                long a = System.nanoTime();
                SupportFixtures.Posted opened = SupportFixtures.raw(base, SupportFixtures.rfc822(from,
                        "Invoice question " + i, SupportFixtures.newMessageId(), null, "Why was I charged twice? " + i));
                record(openEmail, a);
                if (opened.status() != 200) {
                    failures.incrementAndGet();
                    return;
                }
                String number = json.readTree(opened.body()).get("ticketNumber").asString();
                long b = System.nanoTime();
                SupportFixtures.Posted answered = SupportFixtures.raw(base, SupportFixtures.rfc822(from,
                        "Re: [" + number + "] Invoice question", SupportFixtures.newMessageId(), null, "More details " + i));
                record(reply, b);
                if (answered.status() != 200 || !answered.body().contains("threaded")) {
                    failures.incrementAndGet();
                }
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;

        // the no-op baseline: the same requests (bodies, content types, clients, threads) to a no-op POST
        Histogram noOp = new Histogram(3_600_000_000L, 3);
        long n0 = System.nanoTime();
        parallel(TICKETS, i -> {
            if (i % 2 == 0) {
                noOp(noOp, failures, Map.of("subject", "Bench ticket " + i + ": webhook error", "description",
                        "Deliveries fail with HTTP 500 (" + i + ")", "category", "technical", "complexity", "high"),
                        "application/json");
                noOp(noOp, failures, Map.of("body", "We are looking into it."), "application/json");
            } else {
                String from = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
                noOp(noOp, failures, SupportFixtures.rfc822(from, "Invoice question " + i, SupportFixtures.newMessageId(),
                        null, "Why was I charged twice? " + i), "message/rfc822");
                noOp(noOp, failures, SupportFixtures.rfc822(from, "Re: [TKT-" + i + "] Invoice question",
                        SupportFixtures.newMessageId(), null, "More details " + i), "message/rfc822");
            }
        });
        double noOpSeconds = (System.nanoTime() - n0) / 1e9;

        Histogram queue = new Histogram(3_600_000_000L, 3);
        Histogram filtered = new Histogram(3_600_000_000L, 3);
        Histogram report = new Histogram(3_600_000_000L, 3);
        String to = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS).toString();
        String from = started.truncatedTo(ChronoUnit.DAYS).toString();
        for (int i = 0; i < QUERIES; i++) {
            long a = System.nanoTime();
            check(hub().get("/api/v1/support/desk/tickets?limit=50", agent.token()), failures);
            record(queue, a);
            long b = System.nanoTime();
            check(hub().get("/api/v1/support/desk/tickets?limit=50&open=true&priority=high&tenantId=" + tenant,
                    agent.token()), failures);
            record(filtered, b);
            if (i % 4 == 0) {
                long c = System.nanoTime();
                check(hub().get("/api/v1/support/desk/reports?from=" + from + "&to=" + to, agent.token()), failures);
                record(report, c);
            }
        }

        List<String> lines = new ArrayList<>();
        lines.add(String.format("%,d tickets (half API requests, half inbound raw emails), each with one reply, %d client "
                + "threads: **%.1f s, %,.0f tickets/s** (%,.0f requests/s); failures: %d", TICKETS, THREADS, seconds,
                TICKETS / seconds, 2 * TICKETS / seconds, failures.get()));
        lines.add("");
        lines.add(String.format("No-op baseline, same run and server, the same %,d requests (same bodies, %d threads) to `POST %s`: "
                + "%.1f s, %,.0f requests/s. Hub / no-op = **%.3f**.", 2 * TICKETS, THREADS, NoOpEndpoint.PATH,
                noOpSeconds, 2 * TICKETS / noOpSeconds, noOpSeconds / seconds));
        lines.add("");
        lines.add("| operation | count | p50 ms | p90 ms | p99 ms | max ms |");
        lines.add("|---|---|---|---|---|---|");
        row(lines, "open via API (routing, ticket, confirmation, team notice, event, KB suggestions)", openApi);
        row(lines, "open via inbound email (parse, thread lookup, ticket, …)", openEmail);
        row(lines, "reply (agent via API / customer email by subject token)", reply);
        row(lines, "baseline: no-op POST with the same bodies", noOp);
        row(lines, "queue: newest 50 across tenants", queue);
        row(lines, "queue: open + high + one tenant, 50", filtered);
        row(lines, "report for the run's days (all tenants)", report);
        BenchmarkReport.write("support-desk", "mvn -B -Pbench test -Dtest=SupportDeskBenchmark -Dhub.bench.support.tickets="
                + TICKETS, lines);
        if (failures.get() > 0) {
            throw new AssertionError(failures.get() + " operations failed");
        }
    }

    private void parallel(int count, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicLong next = new AtomicLong();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < count) {
                        work.accept((int) i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void noOp(Histogram histogram, AtomicLong failures, Object body, String contentType) {
        long a = System.nanoTime();
        Response response = hub().send("POST", NoOpEndpoint.PATH, body, null, contentType);
        record(histogram, a);
        check(response, failures);
    }

    private static void check(Response response, AtomicLong failures) {
        if (response.status() != 200) {
            failures.incrementAndGet();
        }
    }

    private static void record(Histogram histogram, long startedNanos) {
        synchronized (histogram) {
            histogram.recordValue(Math.max(1, (System.nanoTime() - startedNanos) / 1000));
        }
    }

    private static void row(List<String> lines, String name, Histogram h) {
        lines.add(String.format("| %s | %,d | %.1f | %.1f | %.1f | %.1f |", name, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
    }
}
