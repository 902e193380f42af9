package com.penguinmails.hub.platform.net;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.penguinmails.hub.platform.PlatformProperties;

/** The one {@link OutboundAddressPolicy} every module that calls out uses, set by {@code hub.net.*}. */
@Configuration(proxyBeanMethods = false)
class OutboundAddressConfiguration {

    @Bean
    OutboundAddressPolicy outboundAddressPolicy(PlatformProperties properties) {
        return OutboundAddressPolicy.withSystemResolver(properties.net().allowLoopback());
    }
}
