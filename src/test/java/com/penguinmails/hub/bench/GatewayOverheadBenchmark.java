package com.penguinmails.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

/**
 * Issue 4's benchmark: what the gateway (limits, breaker, retry, classification, metrics) costs per
 * call against a bare JDK HTTP client calling the same local stub in the same run, and how precisely
 * the rate limiter holds a configured rate. {@code mvn -B -Pbench test -Dtest=GatewayOverheadBenchmark}
 */
class GatewayOverheadBenchmark extends HubIntegrationTest {

    private static final int THREADS = 8;
    private static final Duration WARM_UP = BenchScale.duration(Duration.ofSeconds(5));
    private static final Duration MEASURE = BenchScale.duration(Duration.ofSeconds(15));

    @Autowired
    ProviderGateway gateway;

    @Test
    void overheadAndRatePrecision() throws Exception {
        try (LocalStub stub = new LocalStub(200, "{}")) {
            SignedInUser owner = hub().signedInUser("Bench");
            UUID tenant = hub().tenantOf(owner, "Bench");
            UUID unlimited = integration(owner, tenant, stub, Map.of("requestsPerMinute", 6_000_000,
                    "requestsPerHour", 360_000_000, "strategy", "token-bucket"));
            // the gateway sends with Apache HttpClient 5 (pooled, HTTP/1.1): the like-for-like baseline is that client
            // alone; the JDK client (HTTP/1.1: no h2c upgrade attempt on every plain-http request) is shown beside it
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(stub.url() + "/ok")).GET().build();
            org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache =
                    org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                            .setConnectionManager(org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder
                                    .create().setMaxConnTotal(64).setMaxConnPerRoute(64).build())
                            .disableAutomaticRetries().disableContentCompression().build();
            LoadGenerator.Call bareCall = n -> apache.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(
                    request.uri()), response -> {
                        org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    });
            LoadGenerator.Call jdkCall = LoadGenerator.http(jdk, n -> request);
            LoadGenerator.Call gatewayCall = n -> gateway.call(new ProviderCall(tenant, unlimited, "custom", "bench.ok",
                    request, Urgency.BACKGROUND, null)).status();
            // every side warms up first, so none pays for the JIT and the stub's warm-up alone
            LoadGenerator.run("warm-up", THREADS, WARM_UP, Duration.ofSeconds(1), bareCall);
            LoadGenerator.run("warm-up", THREADS, WARM_UP, Duration.ofSeconds(1), jdkCall);
            LoadGenerator.run("warm-up", THREADS, WARM_UP, Duration.ofSeconds(1), gatewayCall);
            LoadGenerator.Result bare = LoadGenerator.run("bare Apache HttpClient 5 → stub (the gateway's client)", THREADS,
                    WARM_UP, MEASURE, bareCall);
            LoadGenerator.Result jdkBare = LoadGenerator.run("bare JDK HttpClient → stub", THREADS, WARM_UP, MEASURE, jdkCall);
            LoadGenerator.Result through = LoadGenerator.run("through the gateway → stub", THREADS, WARM_UP, MEASURE,
                    gatewayCall);
            apache.close();

            List<String> lines = new ArrayList<>(List.of(BenchmarkReport.HEADER, bare.row(), jdkBare.row(), through.row(), "",
                    String.format("Gateway throughput / bare throughput = **%.2f**; added p50 latency %.2f ms.",
                            through.perSecond() / bare.perSecond(), through.p50Ms() - bare.p50Ms()), "",
                    "| configured limit | strategy | achieved | deviation |", "|---|---|---|---|"));
            for (String strategy : List.of("token-bucket", "fixed-window", "sliding-window")) {
                for (int perSecond : List.of(50, 200)) {
                    UUID limited = integration(owner, tenant, stub, Map.of("requestsPerSecond", perSecond,
                            "requestsPerMinute", 6_000_000, "requestsPerHour", 360_000_000, "strategy", strategy));
                    LoadGenerator.Result result = LoadGenerator.run(strategy + " " + perSecond + "/s", THREADS,
                            BenchScale.duration(Duration.ofSeconds(3)), BenchScale.duration(Duration.ofSeconds(10)),
                            n -> gateway.call(new ProviderCall(tenant, limited, "custom", "bench.limited", request,
                                    Urgency.BACKGROUND, null)).status());
                    lines.add(String.format("| %d/s | %s | %.1f/s | %+.1f %% |", perSecond, strategy, result.perSecond(),
                            100.0 * (result.perSecond() - perSecond) / perSecond));
                }
            }
            BenchmarkReport.write("gateway", "mvn -B -Pbench test -Dtest=GatewayOverheadBenchmark", lines);
        }
    }

    private UUID integration(SignedInUser owner, UUID tenant, LocalStub stub, Map<String, Object> rateLimits) {
        var created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Stub " + UUID.randomUUID(),
                "category", "storage", "provider", "custom", "configuration", Map.of("baseUrl", stub.url()),
                "rateLimits", rateLimits), owner.token());
        if (created.status() != 201) {
            throw new IllegalStateException(created.raw().body());
        }
        return UUID.fromString(created.body().get("id").asString());
    }
}
