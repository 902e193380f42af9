package com.penguinmails.hub.webhook.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the webhook engine, bound from {@code hub.webhook.*}.
 *
 * @param inbound          ingestion and processing of provider webhooks
 * @param platformAccounts the secrets of the platform's own provider accounts, by provider and field
 *                         (e.g. {@code hub.webhook.platform-accounts.mailgun.webhookSigningKey})
 */
@ConfigurationProperties("hub.webhook")
public record WebhookProperties(@DefaultValue Inbound inbound, Map<String, Map<String, String>> platformAccounts) {

    public WebhookProperties {
        // field names are looked up case-insensitively: environment variables arrive lower-cased
        Map<String, Map<String, String>> accounts = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (platformAccounts != null) {
            platformAccounts.forEach((provider, fields) -> {
                Map<String, String> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                copy.putAll(fields);
                accounts.put(provider, copy);
            });
        }
        platformAccounts = accounts;
    }

    /**
     * @param maxBytes      largest webhook body accepted (413 beyond)
     * @param replayWindow  how old a signed timestamp may be, either way
     * @param maxAttempts   processing attempts before an event is parked as failed
     * @param retryBase     first retry delay; doubles per attempt up to {@code retryMax}
     * @param retryMax      longest retry delay
     * @param pollInterval  how often an idle worker looks for due events
     * @param batchSize     events a worker leases at once
     * @param lease         how long a leased event is reserved before another worker may take it
     */
    public record Inbound(
            @DefaultValue("5242880") long maxBytes,
            @DefaultValue("5m") Duration replayWindow,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("5s") Duration retryBase,
            @DefaultValue("1h") Duration retryMax,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("60s") Duration lease) {
    }
}
