package com.penguinmails.hub.support.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The desk's console pages live under {@code /console/support/} (static files of this module). */
@Configuration(proxyBeanMethods = false)
class SupportConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console/support", "/console/support/");
        registry.addViewController("/console/support/").setViewName("forward:/console/support/index.html");
    }
}
