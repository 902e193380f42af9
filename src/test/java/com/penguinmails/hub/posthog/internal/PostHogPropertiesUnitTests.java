package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostHogPropertiesUnitTests {

    private static PostHogProperties of(String key, String host, String apiHost, String personalKey) {
        return new PostHogProperties(key, URI.create(host), apiHost == null ? null : URI.create(apiHost), personalKey,
                "1", 10, 5, Duration.ofSeconds(10), 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2),
                Map.of("a", "true", "b", "false", "c", "variant-x"), Duration.ofMinutes(1));
    }

    @Test
    void derivesThePrivateApiHostFromPostHogsIngestionHosts() {
        assertThat(of("phc_k", "https://us.i.posthog.com", null, null).privateApi())
                .isEqualTo(URI.create("https://us.posthog.com"));
        assertThat(of("phc_k", "https://eu.i.posthog.com", null, null).privateApi())
                .isEqualTo(URI.create("https://eu.posthog.com"));
        assertThat(of("phc_k", "https://analytics.example.com", null, null).privateApi())
                .isEqualTo(URI.create("https://analytics.example.com"));
        assertThat(of("phc_k", "https://us.i.posthog.com", "https://private.example.com", null).privateApi())
                .isEqualTo(URI.create("https://private.example.com"));
    }

    @Test
    void isOffWithoutAProjectKeyAndNeverPrintsTheKeys() {
        assertThat(of(" ", "https://us.i.posthog.com", null, null).enabled()).isFalse();
        PostHogProperties on = of("phc_visible", "https://us.i.posthog.com", null, "phx_secretvalue");
        assertThat(on.enabled()).isTrue();
        assertThat(on.toString()).doesNotContain("phx_secretvalue").doesNotContain("phc_visible");
    }

    @Test
    void readsFlagDefaultsAsBooleansOrVariants() {
        assertThat(of("phc_k", "https://us.i.posthog.com", null, null).defaults())
                .containsEntry("a", true).containsEntry("b", false).containsEntry("c", "variant-x");
    }
}
