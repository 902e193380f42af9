package com.penguinmails.hub.webhook.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the webhook engine, bound from {@code hub.webhook.*}.
 *
 * @param inbound          ingestion and processing of provider webhooks
 * @param outbound         delivery of the tenants' events to their own endpoints
 * @param platformAccounts the secrets of the platform's own provider accounts, by provider and field
 *                         (e.g. {@code hub.webhook.platform-accounts.mailgun.webhookSigningKey})
 */
@ConfigurationProperties("hub.webhook")
public record WebhookProperties(@DefaultValue Inbound inbound, @DefaultValue Outbound outbound,
                                Map<String, Map<String, String>> platformAccounts) {

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
     * @param settingsTtl   how long an integration's signing keys, configuration and filters are reused
     * @param workers       processing loops per node
     * @param writers       threads storing acknowledged requests, each many requests per transaction
     * @param writeBatch    events a writer stores in one transaction at most (a request is never split)
     */
    public record Inbound(
            @DefaultValue("5242880") long maxBytes,
            @DefaultValue("5m") Duration replayWindow,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("5s") Duration retryBase,
            @DefaultValue("1h") Duration retryMax,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("5s") Duration settingsTtl,
            @DefaultValue("4") int workers,
            @DefaultValue("2") int writers,
            @DefaultValue("2000") int writeBatch) {
    }

    /**
     * @param maxPayloadBytes       largest event payload ({@code {type, timestamp, data}} as UTF-8); bigger
     *                              events are refused at publish time
     * @param retrySchedule         delay before each attempt (the first is normally 0); its length is the
     *                              number of attempts before a message goes to dead-letter; ±20% jitter
     * @param retryJitter           the fraction each delay varies by, either way
     * @param maxRetryAfter         longest {@code Retry-After} honoured; a longer one is cut to this
     * @param disableAfter          an endpoint failing without a single success for this long is disabled
     * @param connectTimeout        time to open a connection to an endpoint
     * @param requestTimeout        time an endpoint has to answer
     * @param workers               deliveries in flight at once on this node (the thread pool's size)
     * @param maxInFlightPerEndpoint deliveries of one endpoint in flight at once, across all nodes
     * @param pollInterval          how often an idle dispatcher looks for due deliveries
     * @param lease                 how long a claimed delivery is reserved; must exceed the request timeout
     * @param defaultRotationOverlap how long the previous secret keeps signing after a rotation, by default
     */
    public record Outbound(
            @DefaultValue("65536") int maxPayloadBytes,
            @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) java.util.List<Duration> retrySchedule,
            @DefaultValue("0.2") double retryJitter,
            @DefaultValue("1d") Duration maxRetryAfter,
            @DefaultValue("5d") Duration disableAfter,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("15s") Duration requestTimeout,
            @DefaultValue("32") int workers,
            @DefaultValue("4") int maxInFlightPerEndpoint,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("24h") Duration defaultRotationOverlap) {
    }
}
