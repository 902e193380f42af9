package com.penguinmails.hub.gateway.internal;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.platform.net.OutboundAddressPolicy;
import com.penguinmails.hub.platform.net.RefusedAddressException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's HTTP exchange against a real server on loopback (WireMock). */
class ProviderHttpUnitTests {

    private static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());
    private static final GatewayProperties SETTINGS = new GatewayProperties(false, Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5), 100, 8);
    private static ProviderHttp http;

    @BeforeAll
    static void start() {
        PROVIDER.start();
        http = new ProviderHttp(SETTINGS, new OutboundAddressPolicy(true, InetAddress::getAllByName));
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        PROVIDER.stop();
    }

    @Test
    void sendsTheRequestAsDescribedAndAnswersStatusHeadersAndBody() throws Exception {
        PROVIDER.stubFor(post("/v3/messages").willReturn(aResponse().withStatus(202)
                .withHeader("X-Request-Id", "req-1").withHeader("Link", "<a>").withHeader("Link", "<b>")
                .withBody("{\"id\":\"<1@mg>\"}")));
        byte[] body = "naïve body ✓".getBytes(StandardCharsets.UTF_8);

        ProviderHttp.Answer answer = http.send(HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/v3/messages"))
                .header("Authorization", "Basic YXBpOmtleQ==").header("Content-Type", "text/plain; charset=UTF-8")
                .header("X-Custom", "one").header("X-Custom", "two")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"<1@mg>\"}");
        assertThat(answer.headers().firstValue("x-request-id")).contains("req-1");
        assertThat(answer.headers().allValues("link")).containsExactly("<a>", "<b>");
        LoggedRequest received = PROVIDER.findAll(anyRequestedFor(anyUrl())).get(PROVIDER.findAll(
                anyRequestedFor(anyUrl())).size() - 1);
        assertThat(received.getMethod().getName()).isEqualTo("POST");
        assertThat(received.getBody()).isEqualTo(body);
        assertThat(received.getHeader("Authorization")).isEqualTo("Basic YXBpOmtleQ==");
        assertThat(received.getHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(received.getHeaders().getHeader("X-Custom").values()).containsExactly("one", "two");
        assertThat(received.getHeader("Accept-Encoding")).as("no transparent decompression").isNull();
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws Exception {
        PROVIDER.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/")));

        ProviderHttp.Answer answer = http.send(HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/moved")).GET().build());

        assertThat(answer.status()).isEqualTo(302);
    }

    @Test
    void aProviderSlowerThanTheRequestsTimeoutIsATimeoutTheClassificationReadsAsNoAnswer() {
        PROVIDER.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/slow"))
                .timeout(Duration.ofMillis(300)).GET().build()))
                .isInstanceOfSatisfying(HttpTimeoutException.class, e -> {
                    assertThat(ErrorClassification.ofException("custom", e).message()).contains("did not answer in time");
                    assertThat(ErrorClassification.neverSent(e)).as("it may have been received").isFalse();
                });
    }

    @Test
    void aRefusedConnectionWasNeverSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/"))
                .GET().build()))
                .isInstanceOfSatisfying(java.io.IOException.class, e -> {
                    assertThat(ErrorClassification.ofException("custom", e).type()).isEqualTo(ErrorType.NETWORK);
                    assertThat(ErrorClassification.neverSent(e)).isTrue();
                });
    }

    @Test
    void aNameThatResolvesToAForbiddenAddressAtConnectTimeIsRefused() throws Exception {
        // the policy passed the name when the gateway checked it; by connect time it resolves to loopback
        OutboundAddressPolicy rebinding = new OutboundAddressPolicy(false, host -> InetAddress.getAllByName("127.0.0.1"));
        try (ProviderHttp strict = new ProviderHttp(SETTINGS, rebinding)) {
            assertThatThrownBy(() -> strict.send(HttpRequest.newBuilder(URI.create(
                    "http://provider.example:" + PROVIDER.port() + "/v3/messages")).GET().build()))
                    .isInstanceOf(RefusedAddressException.class).isInstanceOf(UnknownHostException.class);
        }
        assertThat(PROVIDER.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getHost().equals("provider.example"))).isEmpty();
    }
}
