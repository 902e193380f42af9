package com.penguinmails.hub.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Friendly addresses for the console's static pages. */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
        registry.addViewController("/console/verify-email").setViewName("forward:/console/verify-email.html");
        registry.addViewController("/console/accept-invitation").setViewName("forward:/console/accept-invitation.html");
    }
}
