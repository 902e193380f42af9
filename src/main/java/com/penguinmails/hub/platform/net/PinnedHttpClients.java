package com.penguinmails.hub.platform.net;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
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
     * @param connectTimeout time to open a connection
     * @param socketTimeout  longest wait for data on an open connection
     * @param perHost        most pooled connections to one host
     * @param total          most pooled connections in all
     */
    public static HttpClientBuilder builder(OutboundAddressPolicy addresses, Duration connectTimeout,
                                            Duration socketTimeout, int perHost, int total) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDnsResolver(addresses))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout)).setSocketTimeout(Timeout.of(socketTimeout))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .setTimeToLive(TimeValue.ofMinutes(5)).build())
                        .setMaxConnPerRoute(perHost).setMaxConnTotal(total).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching();
    }
}
