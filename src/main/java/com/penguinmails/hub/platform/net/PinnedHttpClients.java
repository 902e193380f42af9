package com.penguinmails.hub.platform.net;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The hub's outgoing Apache HttpClient 5, as the gateway (provider calls) and webhook deliveries use
 * it: pooled keep-alive connections (renewed after five minutes), names resolved through the
 * {@link OutboundAddressPolicy} so a connection goes only to an address that was checked, no
 * redirects (one could point anywhere, past the check), no automatic retries (each caller has its own
 * retry policy), no cookies, no cached authentication. Callers add their timeouts and user agent.
 */
public final class PinnedHttpClients {

    private PinnedHttpClients() {
    }

    /**
     * The full client, for callers that want its execution chain's settings (request config, user agent).
     *
     * @param connectTimeout time to open a connection
     * @param socketTimeout  longest wait for data on an open connection
     * @param perHost        most pooled connections to one host
     * @param total          most pooled connections in all
     */
    public static HttpClientBuilder builder(OutboundAddressPolicy addresses, Duration connectTimeout,
                                            Duration socketTimeout, int perHost, int total) {
        return HttpClients.custom()
                .setConnectionManager(pool(addresses, connectTimeout, socketTimeout, perHost, total))
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching();
    }

    /**
     * The pinned pool alone, for Apache's minimal client ({@code HttpClients.createMinimal}): one request,
     * one response and nothing else on the way, no redirects, retries, cookies, authentication or content
     * decoding to turn off. Its callers set each request's timeouts and user agent, and close idle
     * connections ({@link PoolingHttpClientConnectionManager#closeIdle}) now and then. (A lax pool, a lock
     * per host, made webhook deliveries a little faster but their isolation from a slow endpoint worse:
     * see docs/DECISIONS.md.)
     */
    public static PoolingHttpClientConnectionManager pool(OutboundAddressPolicy addresses, Duration connectTimeout,
                                                          Duration socketTimeout, int perHost, int total) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedDnsResolver(addresses))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout)).setSocketTimeout(Timeout.of(socketTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5)).build())
                .setMaxConnPerRoute(perHost).setMaxConnTotal(total).build();
    }
}
