package com.penguinmails.hub.gateway.internal;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's HTTP client and its rate limiters (in this process, or shared through PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean(destroyMethod = "close")
    ProviderHttp gatewayHttp(GatewayProperties properties, com.penguinmails.hub.platform.net.OutboundAddressPolicy addresses) {
        return new ProviderHttp(properties, addresses);
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
