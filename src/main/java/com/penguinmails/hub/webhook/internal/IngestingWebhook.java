package com.penguinmails.hub.webhook.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.WebhookSubscription;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.InboundRequest;
import com.penguinmails.hub.webhook.InboundWebhookSource;
import com.penguinmails.hub.webhook.ParsedEvent;

/**
 * The inbound pipeline up to the acknowledgement: find the source, verify the raw bytes, parse,
 * filter, store each event once, commit. Only then does the controller answer 2xx.
 */
@Service
class IngestingWebhook {

    private static final String INTEGRATION_TENANT = "select integration_tenant(:id)";

    record Outcome(String status, List<String> eventIds, int stored, int duplicates, int filtered) {
    }

    private final Map<String, InboundWebhookSource> sources;
    private final IntegrationRegistry registry;
    private final InboxWriter writer;
    private final InboxWorker worker;
    private final TenantTransactions transactions;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final Clock clock;
    /** Signing keys, configuration and filters per integration, reused for a few seconds (a key change takes that long). */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Receiving> receivers;

    IngestingWebhook(List<InboundWebhookSource> sources, IntegrationRegistry registry, InboxWriter writer, InboxWorker worker,
                     TenantTransactions transactions, JdbcClient jdbc, JsonMapper json, WebhookProperties properties,
                     Clock clock) {
        this.sources = sources.stream().collect(Collectors.toMap(InboundWebhookSource::provider, Function.identity()));
        this.registry = registry;
        this.writer = writer;
        this.worker = worker;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.receivers = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.inbound().settingsTtl()).build();
    }

    Outcome ingest(String provider, Optional<UUID> integrationId, InboundRequest request, String userAgent,
                   String clientAddress) {
        InboundWebhookSource source = Optional.ofNullable(sources.get(provider))
                .orElseThrow(() -> ApiProblem.notFound("unknown_provider", "The hub takes no webhooks from " + provider));
        Instant now = clock.instant();
        UUID tenantId;
        Map<String, String> secrets;
        Map<String, Object> configuration;
        List<WebhookSubscription> subscriptions;
        if (integrationId.isPresent()) {
            Receiving receiving = receivers.get(integrationId.get(), id -> resolve(id, provider));
            if (receiving == null || !receiving.provider().equals(provider)) {
                throw unknownIntegration();
            }
            tenantId = receiving.tenantId();
            secrets = receiving.secrets();
            configuration = receiving.configuration();
            subscriptions = receiving.subscriptions();
        } else {
            tenantId = InboundEvent.PLATFORM_TENANT;
            secrets = properties.platformAccounts().get(provider);
            if (secrets == null || secrets.isEmpty()) {
                throw ApiProblem.notFound("platform_account_not_configured",
                        "The platform has no " + provider + " account configured; use the integration's own URL");
            }
            configuration = Map.of();
            subscriptions = List.of();
        }
        if (!source.verify(request, secrets, configuration, now)) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid_signature", null);
        }
        List<ParsedEvent> events;
        try {
            events = source.parse(request, configuration);
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("malformed_payload", "The body is not a " + provider + " webhook payload");
        }
        List<ParsedEvent> accepted = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        int filtered = 0;
        for (ParsedEvent event : events) {
            ids.add(event.dedupKey());
            // without webhook configs everything passes: no need to parse the event again
            if (subscriptions.isEmpty()
                    || InboundFilters.accepts(subscriptions, event.type(), json.readTree(event.payloadJson()))) {
                accepted.add(event);
            } else {
                filtered++;
            }
        }
        int stored = 0;
        if (!events.isEmpty()) {
            Optional<String> token = source.oneUseToken(request);
            stored = writer.store(new Inbox.Arrival(tenantId, provider, integrationId.orElse(null), now,
                            truncate(userAgent), clientAddress, token.orElse(null),
                            token.isPresent() ? events.get(0).dedupKey() : null, accepted))
                    .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid_signature", null));
        }
        if (stored > 0) {
            worker.nudge();
        }
        int duplicates = accepted.size() - stored;
        String status = stored > 0 ? "processed" : duplicates > 0 ? "duplicate" : "filtered";
        return new Outcome(status, ids, stored, duplicates, filtered);
    }

    /** What verifying and filtering an integration's webhooks needs, kept briefly between requests. */
    private record Receiving(UUID tenantId, String provider, Map<String, String> secrets,
                             Map<String, Object> configuration, List<WebhookSubscription> subscriptions) {
        @Override
        public String toString() {
            return "Receiving[" + provider + " of tenant " + tenantId + "]";
        }
    }

    private Receiving resolve(UUID integrationId, String provider) {
        Optional<UUID> tenantId = transactions.inCurrentScope(() -> jdbc.sql(INTEGRATION_TENANT)
                .param("id", integrationId).query(UUID.class).optional());
        if (tenantId.isEmpty()) {
            return null;
        }
        return registry.find(tenantId.get(), integrationId)
                .map(i -> new Receiving(tenantId.get(), i.provider(), registry.credentials(tenantId.get(), integrationId),
                        i.configuration(), registry.webhookSubscriptions(tenantId.get(), integrationId)))
                .orElse(null);
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500);
    }

    private static ApiProblem unknownIntegration() {
        return ApiProblem.notFound("unknown_integration", "No such integration for this provider");
    }
}
