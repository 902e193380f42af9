package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's PostHog account and how the hub talks to it, bound from {@code hub.posthog.*}
 * (environment {@code HUB_POSTHOG_*}). Without a project API key nothing is captured and flags
 * answer their defaults.
 *
 * @param projectApiKey   the project key ({@code phc_…}); public: browsers get it too
 * @param host            the ingestion host: capture, batch and flags
 * @param apiHost         the private API host (persons); empty derives it from {@code host}
 *                        ({@code us.i.posthog.com} → {@code us.posthog.com})
 * @param personalApiKey  the personal API key ({@code phx_…}) for the private API; a secret, never logged
 * @param projectId       the project's numeric id, for the private API
 * @param bufferCapacity  most events held in memory; events beyond it are dropped and counted
 * @param batchSize       events per batch; a full batch is sent at once
 * @param flushInterval   longest an event waits in the buffer before its batch is sent
 * @param maxAttempts     attempts per batch on network errors, 5xx and 429 before it is dropped
 * @param retryBase       first wait between attempts; doubles each time up to {@code retryMax}
 * @param retryMax        longest wait between attempts
 * @param shutdownTimeout longest the hub waits at shutdown for the buffer to be sent
 * @param flagsTtl        how long a user's evaluated flags are reused
 * @param flagsTimeout    the longest a caller waits for PostHog's flags in all (connecting, retries, reading)
 * @param flagDefaults    the flags' values when PostHog cannot be asked (key → true, false or a variant)
 * @param optOutTtl       how long a tenant's analytics opt-out setting is reused before being read again
 */
@ConfigurationProperties("hub.posthog")
public record PostHogProperties(
        String projectApiKey,
        @DefaultValue("https://us.i.posthog.com") URI host,
        URI apiHost,
        String personalApiKey,
        String projectId,
        @DefaultValue("10000") int bufferCapacity,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration flushInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration retryBase,
        @DefaultValue("60s") Duration retryMax,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue("30s") Duration flagsTtl,
        @DefaultValue("2s") Duration flagsTimeout,
        Map<String, Object> flagDefaults,
        @DefaultValue("1m") Duration optOutTtl) {

    public PostHogProperties {
        projectApiKey = blankToNull(projectApiKey);
        personalApiKey = blankToNull(personalApiKey);
        projectId = blankToNull(projectId);
        flagDefaults = flagDefaults == null ? Map.of() : Map.copyOf(flagDefaults);
        batchSize = Math.max(1, batchSize);
        bufferCapacity = Math.max(1, bufferCapacity);
        maxAttempts = Math.max(1, maxAttempts);
    }

    /** Whether capture and flag evaluation are on: a project key is configured. */
    boolean enabled() {
        return projectApiKey != null;
    }

    /** The private API's base: the configured {@code apiHost}, else {@code host} without PostHog's {@code .i.}. */
    URI privateApi() {
        if (apiHost != null && !apiHost.toString().isBlank()) {
            return apiHost;
        }
        String text = host.toString();
        return URI.create(text.replaceFirst("^(https?://(?:us|eu))\\.i\\.posthog\\.com", "$1.posthog.com"));
    }

    /** The flag defaults as the API shows them: booleans stay booleans ("true"/"false" from the environment too). */
    Map<String, Object> defaults() {
        Map<String, Object> values = new java.util.TreeMap<>();
        flagDefaults.forEach((key, value) -> values.put(key, "true".equals(String.valueOf(value)) ? Boolean.TRUE
                : "false".equals(String.valueOf(value)) ? Boolean.FALSE : String.valueOf(value)));
        return values;
    }

    /** No keys: the personal key is a secret and the project key is not worth a log line. */
    @Override
    public String toString() {
        return "PostHogProperties[host=" + host + ", apiHost=" + privateApi() + ", projectId=" + projectId
                + ", enabled=" + enabled() + ", personalApiKey=" + (personalApiKey == null ? "unset" : "set") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
