package com.penguinmails.hub.support.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.penguinmails.hub.platform.web.PublicEndpoints;
import com.penguinmails.hub.platform.web.RequestBodyLimit;

/** The desk's public paths (inbound email, satisfaction links) and the inbound email size limit. */
@Configuration(proxyBeanMethods = false)
class SupportConfiguration {

    @Bean
    PublicEndpoints supportPublicEndpoints() {
        return PublicEndpoints.of("/api/v1/support/inbound/**", "/api/v1/support/satisfaction", "/api/v1/support/satisfaction/**");
    }

    @Bean
    RequestBodyLimit supportInboundLimit(SupportProperties properties) {
        return new RequestBodyLimit("/api/v1/support/inbound/", properties.inbound().maxBytes());
    }
}
