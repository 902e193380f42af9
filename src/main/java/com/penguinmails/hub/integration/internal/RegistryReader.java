package com.penguinmails.hub.integration.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.ResilienceSettings;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.platform.database.TenantTransactions;

@Service
class RegistryReader implements IntegrationRegistry {

    private final Integrations integrations;
    private final IntegrationSecrets secrets;
    private final ChangingStatus changingStatus;
    private final TenantTransactions transactions;
    private final java.time.Clock clock;
    private final ProviderCatalog catalog;
    private final IntegrationAudit audit;

    RegistryReader(Integrations integrations, IntegrationSecrets secrets, ChangingStatus changingStatus,
                   TenantTransactions transactions, java.time.Clock clock, ProviderCatalog catalog,
                   IntegrationAudit audit) {
        this.audit = audit;
        this.catalog = catalog;
        this.clock = clock;
        this.integrations = integrations;
        this.secrets = secrets;
        this.changingStatus = changingStatus;
        this.transactions = transactions;
    }

    @Override
    public Optional<IntegrationRef> find(UUID tenantId, UUID integrationId) {
        return transactions.readInTenant(tenantId, () -> integrations.find(tenantId, integrationId)).map(RegistryReader::ref);
    }

    @Override
    public List<WebhookSubscription> webhookSubscriptions(UUID tenantId, UUID integrationId) {
        return transactions.readInTenant(tenantId, () -> integrations.find(tenantId, integrationId))
                .map(i -> i.webhooks().stream().map(w -> new WebhookSubscription(w.id(), w.events(),
                        w.filters() == null ? List.<EventFilter>of() : w.filters().stream()
                                .map(f -> new EventFilter(f.eventType(), f.conditions() == null ? Map.of() : f.conditions()))
                                .toList()))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public List<IntegrationRef> byProvider(UUID tenantId, String provider) {
        return transactions.readInTenant(tenantId, () -> integrations.list(tenantId, null, provider, null))
                .stream().map(RegistryReader::ref).toList();
    }

    @Override
    public List<IntegrationRef> all(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> integrations.list(tenantId, null, null, null))
                .stream().map(RegistryReader::ref)
                .sorted(java.util.Comparator.comparing(IntegrationRef::name)).toList();
    }

    @Override
    public Optional<com.penguinmails.hub.integration.MonitoringSettings> monitoring(UUID tenantId, UUID integrationId) {
        return transactions.readInTenant(tenantId, () -> integrations.find(tenantId, integrationId))
                .map(i -> new com.penguinmails.hub.integration.MonitoringSettings(
                        Boolean.TRUE.equals(i.monitoring().enabled()),
                        Duration.ofSeconds(i.monitoring().healthCheckIntervalSeconds()),
                        Duration.ofMillis(i.monitoring().responseTimeThresholdMs()),
                        i.monitoring().errorRateThreshold()));
    }

    @Override
    public java.util.Set<String> credentialFields(String provider) {
        return catalog.schema(provider).map(schema -> schema.fields().stream()
                .filter(f -> f.kind().secret()).map(FieldSpec::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)))
                .map(java.util.Set.class::cast).orElse(java.util.Set.of());
    }

    @Override
    public Optional<ResilienceSettings> resilience(UUID tenantId, UUID integrationId) {
        return transactions.readInTenant(tenantId, () -> integrations.find(tenantId, integrationId))
                .map(RegistryReader::resilience);
    }

    @Override
    public Map<String, String> credentials(UUID tenantId, UUID integrationId) {
        return transactions.readInTenant(tenantId, () -> secrets.open(tenantId, integrationId));
    }

    @Override
    public void replaceCredential(UUID tenantId, UUID integrationId, String field, String value) {
        transactions.inTenant(tenantId, () -> {
            integrations.lock(tenantId, integrationId).orElseThrow(ConfiguringIntegrations::notFound);
            secrets.put(tenantId, integrationId, field, value, IntegrationSecrets.hint(value), clock.instant());
            audit.credentialReplaced(tenantId, integrationId, field);
        });
    }

    @Override
    public void changeStatus(UUID tenantId, UUID integrationId, IntegrationStatus to, StatusChanger by, String reason) {
        changingStatus.change(tenantId, integrationId, to, by, reason);
    }

    static IntegrationRef ref(Integration i) {
        return new IntegrationRef(i.tenantId(), i.id(), i.name(), i.category(), i.provider(), i.status(),
                i.configuration());
    }

    static ResilienceSettings resilience(Integration i) {
        IntegrationSettings.RateLimits limits = i.rateLimits();
        IntegrationSettings.RetryPolicy retry = i.errorHandling().retryPolicy();
        IntegrationSettings.CircuitBreaker breaker = i.errorHandling().circuitBreaker();
        return new ResilienceSettings(i.version(),
                new ResilienceSettings.RateLimits(limits.requestsPerSecond(), limits.requestsPerMinute(),
                        limits.requestsPerHour(), limits.burstLimit(), limits.strategy()),
                new ResilienceSettings.RetryPolicy(retry.maxAttempts(), retry.backoffStrategy(),
                        Duration.ofMillis(retry.baseDelay()), Duration.ofMillis(retry.maxDelay())),
                new ResilienceSettings.CircuitBreaker(breaker.failureThreshold(),
                        Duration.ofMillis(breaker.recoveryTimeout()), Duration.ofMillis(breaker.monitoringPeriod())),
                Boolean.TRUE.equals(i.errorHandling().notifyAdminsOnApiErrors()),
                Boolean.TRUE.equals(i.caching().enabled()) ? Duration.ofSeconds(i.caching().ttl()) : null);
    }
}
