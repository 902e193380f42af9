package com.penguinmails.hub.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.penguinmails.hub.bench.BenchmarkReport;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's OAuth benchmark: {@code bench.oauth.connections} (1,000) accounts connected through the
 * real connect flow, all with access tokens that expire 600 s later (inside `refresh-ahead`), so all fall due at once; then two
 * refresh passes race (as two nodes' jobs would) and the provider counts the refreshes of every refresh
 * token. Target: every connection refreshed within its window, none twice. Baseline, in the same run on
 * the same provider: the same number of refresh-token grants posted straight to its token endpoint by a
 * bare JDK client from {@code refresh-concurrency} threads (the refresh pool's size, which both passes share).
 * {@code mvn -B -Pbench test -Dtest=OAuthRefreshBenchmark}
 */
class OAuthRefreshBenchmark extends HubIntegrationTest {

    private static final int CONNECTIONS = Integer.getInteger("bench.oauth.connections",
            com.penguinmails.hub.bench.BenchScale.count(1000, 20));
    private static final int ACCESS_TOKEN_SECONDS = 600;
    private static final TokenServer PROVIDER = new TokenServer();
    private static final String BARE_PREFIX = "bare-";

    @Autowired
    TokenRefreshJob refreshJob;

    @Value("${hub.oauth.refresh-concurrency:8}")
    int refreshConcurrency;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        System.setProperty("hub.bench.acme-url", PROVIDER.base()); // read by the shared test configuration
        registry.add("hub.oauth.refresh-batch-size", () -> 100); // a context of its own, like every benchmark's
    }

    @AfterAll
    static void stop() {
        System.clearProperty("hub.bench.acme-url");
        PROVIDER.server.stop(0);
    }

    /** The provider: codes become tokens; each refresh token's uses are counted. */
    static final class TokenServer {
        final HttpServer server;
        final Map<String, AtomicInteger> refreshes = new ConcurrentHashMap<>();

        TokenServer() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/token", this::token);
            server.createContext("/userinfo", this::userInfo);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String answer;
            if ("authorization_code".equals(form.get("grant_type"))) {
                String code = form.get("code");
                answer = tokens("at-" + code, "rt-" + code, ACCESS_TOKEN_SECONDS);
            } else {
                String refreshToken = form.get("refresh_token");
                if (!refreshToken.startsWith(BARE_PREFIX)) { // the baseline's grants are not the hub's refreshes
                    refreshes.computeIfAbsent(refreshToken, t -> new AtomicInteger()).incrementAndGet();
                }
                answer = tokens("at-" + UUID.randomUUID(), null, 3600);
            }
            reply(exchange, answer);
        }

        private void userInfo(HttpExchange exchange) throws IOException {
            String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer at-".length());
            reply(exchange, "{\"sub\":\"acme-" + token + "\",\"email\":\"" + token + "@acme.example.com\"}");
        }

        private static String tokens(String access, String refresh, int expiresIn) {
            return "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                    + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + ",\"scope\":\"acme.read\"}";
        }

        private static void reply(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private static Map<String, String> form(String body) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }

    @Test
    void aThousandConnectionsFallingDueTogetherAreEachRefreshedOnceWithinTheirWindow() throws Exception {
        OAuthFlowSupport flow = new OAuthFlowSupport(hub(), port);
        SignedInUser owner = hub().signedInUser("RefreshBench");
        UUID tenant = hub().tenantOf(owner, "Refresh bench");
        // the benchmark measures the hub, not the integration's default provider rate limit
        flow.integration(owner, tenant, "oauth2", "acme", "crm", Map.of("oauthProvider", "acme"), Map.of("rateLimits",
                Map.of("requestsPerMinute", 600_000, "requestsPerHour", 36_000_000, "strategy", "token-bucket")));

        long connectStart = System.nanoTime();
        ExecutorService browsers = Executors.newFixedThreadPool(8);
        List<Future<?>> connecting = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            connecting.add(browsers.submit(() -> {
                String code = "c" + UUID.randomUUID().toString().replace("-", "");
                OAuthFlowSupport.Started started = flow.authorize(owner, tenant, "acme");
                URI console = flow.callback("acme", "code=" + code + "&state=" + started.state(), started.cookie());
                assertThat(OAuthFlowSupport.query(console)).containsEntry("status", "connected");
            }));
        }
        for (Future<?> connection : connecting) {
            connection.get();
        }
        browsers.shutdown();
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        // the first connection's token expires ACCESS_TOKEN_SECONDS after it connected: that is the window left
        double windowLeft = ACCESS_TOKEN_SECONDS - connectSeconds;

        long refreshStart = System.nanoTime();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        Future<Integer> first = nodes.submit(refreshJob::run);
        Future<Integer> second = nodes.submit(refreshJob::run);
        int refreshed = first.get() + second.get();
        nodes.shutdown();
        double refreshSeconds = (System.nanoTime() - refreshStart) / 1e9;

        long twice = PROVIDER.refreshes.values().stream().filter(n -> n.get() > 1).count();
        int counted = PROVIDER.refreshes.size();

        double bareSeconds = bareRefreshes(CONNECTIONS, refreshConcurrency);
        double hubRate = refreshed / refreshSeconds;
        double bareRate = CONNECTIONS / bareSeconds;
        List<String> lines = new ArrayList<>();
        lines.add("| connections | connected in | refreshed | refresh pass (two racing) | refreshes/s | window left | refreshed twice |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.add(String.format("| %,d | %.1f s | %,d | **%.1f s** | %,.0f/s | %.0f s | **%d** |", CONNECTIONS, connectSeconds,
                refreshed, refreshSeconds, hubRate, windowLeft, twice));
        lines.add("");
        lines.add("| same run, same provider | grants | seconds | grants/s |");
        lines.add("|---|---|---|---|");
        lines.add(String.format("| hub: two racing refresh passes (%d refresher threads) | %,d | %.2f | %,.0f/s |",
                refreshConcurrency, refreshed, refreshSeconds, hubRate));
        lines.add(String.format("| baseline: bare JDK client → the provider's `/token`, %d threads | %,d | %.2f | %,.0f/s |",
                refreshConcurrency, CONNECTIONS, bareSeconds, bareRate));
        lines.add("");
        lines.add(String.format("Hub / bare = **%.2f**", hubRate / bareRate));
        BenchmarkReport.write("oauth-refresh", "mvn -B -Pbench test -Dtest=OAuthRefreshBenchmark", lines);

        assertThat(refreshed).isEqualTo(CONNECTIONS);
        assertThat(counted).isEqualTo(CONNECTIONS);
        assertThat(twice).isZero();
    }

    /**
     * The no-op baseline: {@code grants} refresh-token grants (a form like the hub's, its own refresh tokens)
     * posted straight to the provider's token endpoint by a bare JDK client from {@code threads} threads;
     * warmed first. Returns the seconds the measured grants took.
     */
    private static double bareRefreshes(int grants, int threads) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI token = URI.create(PROVIDER.base() + "/token");
        AtomicInteger sequence = new AtomicInteger();
        Runnable grant = () -> {
            String form = "grant_type=refresh_token&refresh_token=" + BARE_PREFIX + sequence.incrementAndGet()
                    + "&client_id=acme-client&client_secret=acme-secret";
            HttpRequest request = HttpRequest.newBuilder(token).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<?> warm : pool.invokeAll(java.util.Collections.nCopies(Math.min(grants, 200),
                    java.util.concurrent.Executors.callable(grant)))) {
                warm.get();
            }
            long start = System.nanoTime();
            for (Future<?> measured : pool.invokeAll(java.util.Collections.nCopies(grants,
                    java.util.concurrent.Executors.callable(grant)))) {
                measured.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }
}
