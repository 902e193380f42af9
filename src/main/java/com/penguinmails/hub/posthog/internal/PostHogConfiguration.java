package com.penguinmails.hub.posthog.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.platform.web.PublicEndpoints;
import com.penguinmails.hub.posthog.FeatureFlags;
import com.penguinmails.hub.posthog.PostHogPersons;
import com.penguinmails.hub.posthog.ProductAnalytics;
import com.penguinmails.hub.tenancy.TenantSettings;

/** The analytics pipeline (client → buffer → sender) and the public analytics configuration path. */
@Configuration(proxyBeanMethods = false)
class PostHogConfiguration {

    @Bean
    EventBuffer analyticsBuffer(PostHogProperties properties, AnalyticsMetrics metrics, Clock clock) {
        EventBuffer buffer = new EventBuffer(properties.bufferCapacity(), metrics, clock);
        metrics.bufferSize(buffer);
        return buffer;
    }

    @Bean
    OptOuts analyticsOptOuts(TenantSettings settings, PostHogProperties properties) {
        return new OptOuts(settings, properties.optOutTtl());
    }

    @Bean
    ProductAnalytics productAnalytics(EventBuffer buffer, PostHogProperties properties, Clock clock) {
        return new CapturingAnalytics(buffer, properties, clock);
    }

    @Bean
    BatchSender analyticsSender(EventBuffer buffer, ProviderGateway gateway, OptOuts optOuts,
                                PostHogProperties properties, JsonMapper json, AnalyticsMetrics metrics) {
        return new BatchSender(buffer, gateway, optOuts, properties, json, metrics);
    }

    @Bean
    FeatureFlags featureFlags(ProviderGateway gateway, PostHogProperties properties, OptOuts optOuts, JsonMapper json,
                              Clock clock) {
        return new EvaluatingFlags(gateway, properties, optOuts, json, clock);
    }

    @Bean
    PostHogPersons postHogPersons(ProviderGateway gateway, PostHogProperties properties, JsonMapper json) {
        return new ReadingPersons(gateway, properties, json);
    }

    @Bean
    PublicEndpoints analyticsEndpoints() {
        return PublicEndpoints.of("/api/v1/analytics/config");
    }
}
