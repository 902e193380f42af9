package com.penguinmails.hub.platform.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connections made through the checked resolver go only to addresses the policy passed. */
class CheckedDnsResolverUnitTests {

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void answersTheCheckedAddressesAndRefusesForbiddenOnes() throws Exception {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(false,
                host -> host.equals("public.example") ? new InetAddress[] {address("93.184.216.34")}
                        : new InetAddress[] {address("93.184.216.34"), address("169.254.169.254")});
        assertThat(new CheckedDnsResolver(policy).resolve("public.example")).containsExactly(address("93.184.216.34"));
        assertThatThrownBy(() -> new CheckedDnsResolver(policy).resolve("mixed.example"))
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("link-local");
    }

    @Test
    void aNameThatRebindsToAForbiddenAddressAfterTheCheckIsNeverConnectedTo() throws IOException {
        HttpServer internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger reached = new AtomicInteger();
        internal.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        // the first answer is public (what a pre-check would see), every later one is the loopback service
        AtomicInteger lookups = new AtomicInteger();
        OutboundAddressPolicy policy = new OutboundAddressPolicy(false, host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {address("93.184.216.34")} : new InetAddress[] {InetAddress.getLoopbackAddress()});
        assertThat(policy.refusal(java.net.URI.create("http://rebinding.example/"))).isEmpty();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(new CheckedDnsResolver(policy)).build())
                .build()) {
            HttpGet get = new HttpGet("http://rebinding.example:" + internal.getAddress().getPort() + "/");
            assertThatThrownBy(() -> client.execute(get, response -> response.getCode()))
                    .isInstanceOf(RefusedAddressException.class).hasMessageContaining("loopback");
        } finally {
            internal.stop(0);
        }
        assertThat(reached).hasValue(0);
    }
}
