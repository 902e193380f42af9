package com.penguinmails.hub.integration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules (gateway, providers, monitoring) read of the registry, and the one way they
 * change an integration's status.
 */
public interface IntegrationRegistry {

    /** A registered integration as other modules see it: settings, no secrets. */
    record IntegrationRef(UUID tenantId, UUID id, String name, IntegrationCategory category, String provider,
                          IntegrationStatus status, Map<String, Object> configuration) {
    }

    Optional<IntegrationRef> find(UUID tenantId, UUID integrationId);

    /** A webhook config of an integration: the event types it takes and filters on their payloads. */
    record WebhookSubscription(String id, List<String> events, List<EventFilter> filters) {
    }

    /** Events of {@code eventType} pass when every condition (dotted payload path → value or list of values) holds. */
    record EventFilter(String eventType, Map<String, Object> conditions) {
    }

    /** The integration's webhook configs (empty when it has none, which means every event is taken). */
    List<WebhookSubscription> webhookSubscriptions(UUID tenantId, UUID integrationId);

    List<IntegrationRef> byProvider(UUID tenantId, String provider);

    /** All the tenant's integrations, by name. */
    List<IntegrationRef> all(UUID tenantId);

    /** The integration's monitoring settings (health-check interval and thresholds). */
    Optional<MonitoringSettings> monitoring(UUID tenantId, UUID integrationId);

    /** Names of the secret configuration fields of a provider (e.g. {@code apiKey}); empty if unknown. */
    java.util.Set<String> credentialFields(String provider);

    /** The integration's rate limits, retry policy and circuit breaker, as the gateway applies them. */
    Optional<ResilienceSettings> resilience(UUID tenantId, UUID integrationId);

    /** The integration's opened secrets by field name; never log or return them. */
    Map<String, String> credentials(UUID tenantId, UUID integrationId);

    /**
     * Replaces one credential of the integration (key rotation), sealing the new value; the
     * integration's configuration otherwise stays as it is.
     */
    void replaceCredential(UUID tenantId, UUID integrationId, String field, String value);

    /**
     * Changes the status as the hub itself ({@link StatusChanger#SYSTEM} into error,
     * {@link StatusChanger#HEALTH_CHECK} out of it); refused transitions throw.
     */
    void changeStatus(UUID tenantId, UUID integrationId, IntegrationStatus to, StatusChanger by, String reason);
}
