package com.penguinmails.hub.tenancy;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.penguinmails.hub.tenancy.internal.TenantAccessResolver;

@Configuration(proxyBeanMethods = false)
class TenancyWebConfiguration implements WebMvcConfigurer {

    private final TenantAccessResolver resolver;

    TenancyWebConfiguration(TenantAccessResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ScopeInterceptor()).addPathPatterns("/api/**");
        registry.addInterceptor(new TenantAccessInterceptor(resolver)).addPathPatterns("/api/v1/tenants/*/**");
    }
}
