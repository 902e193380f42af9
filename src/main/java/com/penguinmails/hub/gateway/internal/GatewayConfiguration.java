package com.penguinmails.hub.gateway.internal;

import java.net.http.HttpClient;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's HTTP client and its rate limiters (in this process, or shared through PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** Redirects are not followed: a redirect could point anywhere, past the address check. */
    @Bean
    HttpClient gatewayHttpClient(GatewayProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Its rows are deleted once expired, whether or not this node shares limits. */
    @Bean
    com.penguinmails.hub.platform.ratelimit.SharedBuckets.Table gatewayBucketTable() {
        return new com.penguinmails.hub.platform.ratelimit.SharedBuckets.Table(RateLimiters.TABLE);
    }

    @Bean
    RateLimiters gatewayRateLimiters(GatewayProperties properties, DataSource dataSource, Clock clock) {
        return new RateLimiters(properties.sharedRateLimits() ? dataSource : null, clock);
    }
}
