package com.penguinmails.hub.integration.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.integration.AuthenticationMethod;
import com.penguinmails.hub.integration.IntegrationCategory;
import com.penguinmails.hub.integration.IntegrationRemoval;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.internal.IntegrationApi.IntegrationRequest;
import com.penguinmails.hub.integration.internal.IntegrationSettings.ErrorHandling;
import com.penguinmails.hub.integration.internal.IntegrationSettings.Monitoring;
import com.penguinmails.hub.integration.internal.IntegrationSettings.RateLimits;
import com.penguinmails.hub.integration.internal.IntegrationSettings.WebhookConfig;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/** Registering, reconfiguring and removing a tenant's integrations. */
@Service
class ConfiguringIntegrations {

    private final Integrations integrations;
    private final IntegrationSecrets secrets;
    private final ConfigurationValidator validator;
    private final TenantTransactions transactions;
    private final JsonMapper json;
    private final IntegrationAudit audit;
    private final Clock clock;
    private final ObjectProvider<IntegrationRemoval> removals;

    ConfiguringIntegrations(Integrations integrations, IntegrationSecrets secrets, ConfigurationValidator validator,
                            TenantTransactions transactions, JsonMapper json, IntegrationAudit audit, Clock clock,
                            ObjectProvider<IntegrationRemoval> removals) {
        this.removals = removals;
        this.audit = audit;
        this.integrations = integrations;
        this.secrets = secrets;
        this.validator = validator;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    Integration register(UUID tenantId, IntegrationRequest request) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        ProviderSchema schema = validator.schema(request.provider());
        Prepared prepared = prepare(schema, request, Set.of());
        IntegrationStatus status = request.status() == null ? IntegrationStatus.ACTIVE : IntegrationStatus.of(request.status());
        Integration integration = new Integration(tenantId, id, request.name().strip(),
                IntegrationCategory.of(request.category()), schema.provider(), status, null, now,
                prepared.authentication(), prepared.configuration().settings(), listOrEmpty(request.endpoints()),
                prepared.webhooks(), prepared.rateLimits(), prepared.errorHandling(), prepared.monitoring(),
                prepared.caching(), 1, now, now);
        return transactions.inTenant(tenantId, () -> {
            try {
                integrations.insert(integration);
            } catch (DuplicateKeyException e) {
                throw nameTaken();
            }
            storeSecrets(tenantId, id, prepared, now);
            audit.created(integration, prepared.secretFields());
            return integration;
        });
    }

    Integration reconfigure(UUID tenantId, UUID id, IntegrationRequest request) {
        Instant now = clock.instant();
        return transactions.inTenant(tenantId, () -> {
            Integration current = integrations.lock(tenantId, id).orElseThrow(ConfiguringIntegrations::notFound);
            if (current.status() == IntegrationStatus.DEPRECATED) {
                throw ApiProblem.conflict("integration_deprecated", "A deprecated integration cannot be changed");
            }
            if (!current.provider().equals(request.provider())) {
                throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("provider",
                        "cannot change; register a new integration instead")));
            }
            Set<String> stored = new HashSet<>();
            secrets.hints(tenantId, id).forEach(h -> stored.add(h.field()));
            Prepared prepared = prepare(validator.schema(current.provider()), request, stored);
            Integration changed = new Integration(tenantId, id, request.name().strip(),
                    IntegrationCategory.of(request.category()), current.provider(), current.status(),
                    current.statusReason(), current.statusChangedAt(), prepared.authentication(),
                    prepared.configuration().settings(), listOrEmpty(request.endpoints()), prepared.webhooks(),
                    prepared.rateLimits(), prepared.errorHandling(), prepared.monitoring(), prepared.caching(),
                    current.version() + 1,
                    current.createdAt(), now);
            try {
                integrations.update(changed);
            } catch (DuplicateKeyException e) {
                throw nameTaken();
            }
            storeSecrets(tenantId, id, prepared, now);
            secrets.retainWebhookSecrets(tenantId, id,
                    prepared.webhooks().stream().map(w -> webhookSecretField(w.id())).toList());
            audit.updated(current, changed, prepared.secretFields());
            return changed;
        });
    }

    /**
     * Deletes the integration after the modules holding something of it let go (OAuth grants are revoked
     * at the provider first); when one cannot, the integration stays and nothing is deleted.
     */
    Integration remove(UUID tenantId, UUID id) {
        transactions.readInTenant(tenantId, () -> integrations.find(tenantId, id))
                .orElseThrow(ConfiguringIntegrations::notFound);
        removals.orderedStream().forEach(removal -> removal.release(tenantId, id));
        return transactions.inTenant(tenantId, () -> {
            Integration current = integrations.lock(tenantId, id).orElseThrow(ConfiguringIntegrations::notFound);
            removals.orderedStream().forEach(removal -> removal.requireReleased(tenantId, id));
            integrations.delete(tenantId, id);
            audit.removed(current);
            return current;
        });
    }

    private record Prepared(AuthenticationMethod authentication, ConfigurationValidator.Validated configuration,
                            List<WebhookConfig> webhooks, Map<String, String> webhookSecrets, RateLimits rateLimits,
                            ErrorHandling errorHandling, Monitoring monitoring, IntegrationSettings.Caching caching) {

        Set<String> secretFields() {
            Set<String> names = new java.util.TreeSet<>(configuration.secrets().keySet());
            names.addAll(webhookSecrets.keySet());
            return names;
        }
    }

    private Prepared prepare(ProviderSchema schema, IntegrationRequest request, Set<String> storedSecrets) {
        AuthenticationMethod authentication = request.authentication() == null
                ? schema.authentication() : AuthenticationMethod.of(request.authentication());
        RateLimits rateLimits = request.rateLimits() == null ? RateLimits.defaults() : request.rateLimits();
        var configuration = validator.validate(schema, IntegrationCategory.of(request.category()), authentication,
                request.configuration(), rateLimits, storedSecrets);
        List<WebhookConfig> webhooks = new ArrayList<>();
        Map<String, String> webhookSecrets = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (WebhookConfig webhook : listOrEmpty(request.webhooks())) {
            if (!ids.add(webhook.id())) {
                throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("webhooks",
                        "webhook id " + webhook.id() + " appears twice")));
            }
            if (webhook.secret() != null) {
                webhookSecrets.put(webhookSecretField(webhook.id()), webhook.secret());
            }
            webhooks.add(webhook.withoutSecret());
        }
        return new Prepared(authentication, configuration, webhooks, webhookSecrets, rateLimits,
                request.errorHandling() == null ? ErrorHandling.defaults() : request.errorHandling(),
                request.monitoring() == null ? Monitoring.defaults() : request.monitoring(),
                request.caching() == null ? IntegrationSettings.Caching.defaults() : request.caching());
    }

    private void storeSecrets(UUID tenantId, UUID id, Prepared prepared, Instant now) {
        prepared.configuration().secrets().forEach((field, value) ->
                secrets.put(tenantId, id, field, value, hintOf(value), now));
        prepared.webhookSecrets().forEach((field, value) ->
                secrets.put(tenantId, id, field, value, IntegrationSecrets.hint(value), now));
    }

    /** A secret list (stored as a JSON array) is hinted item by item. */
    private String hintOf(String value) {
        if (value.startsWith("[")) {
            List<String> items = json.readValue(value, new TypeReference<List<String>>() { });
            return String.join(", ", items.stream().map(IntegrationSecrets::hint).toList());
        }
        return IntegrationSecrets.hint(value);
    }

    static String webhookSecretField(String webhookId) {
        return "webhooks." + webhookId + ".secret";
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static ApiProblem notFound() {
        return ApiProblem.notFound("integration_not_found", "No such integration in this tenant");
    }

    private static ApiProblem nameTaken() {
        return ApiProblem.conflict("integration_name_taken", "This tenant already has an integration with this name");
    }
}
