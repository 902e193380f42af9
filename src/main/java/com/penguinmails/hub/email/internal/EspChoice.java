package com.penguinmails.hub.email.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.EmailProvider;
import com.penguinmails.hub.integration.IntegrationCategory;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/** Which ESP integration sends a tenant's message: the one named, else the tenant's default; and its failover. */
@Component
class EspChoice {

    private final IntegrationRegistry registry;
    private final EmailSettings settings;
    private final TenantTransactions transactions;
    private final Map<String, EmailProvider> providers;

    EspChoice(IntegrationRegistry registry, EmailSettings settings, TenantTransactions transactions,
              List<EmailProvider> providers) {
        this.registry = registry;
        this.settings = settings;
        this.transactions = transactions;
        this.providers = providers.stream().collect(Collectors.toMap(EmailProvider::provider, Function.identity()));
    }

    /** The integration that will send, validated; refuses the request when there is none usable. */
    UUID primary(UUID tenantId, UUID requested) {
        UUID chosen = requested != null ? requested
                : transactions.readInTenant(tenantId, () -> settings.find(tenantId))
                        .map(EmailSettings.Choice::defaultIntegrationId)
                        .orElseThrow(() -> ApiProblem.conflict("no_default_email_integration",
                                "Name an integrationId or set the tenant's default ESP (PUT …/email-settings)"));
        requireUsable(tenantId, chosen, "integrationId");
        return chosen;
    }

    Optional<UUID> failover(UUID tenantId, UUID primary) {
        return transactions.readInTenant(tenantId, () -> settings.find(tenantId))
                .map(EmailSettings.Choice::failoverIntegrationId)
                .filter(id -> !id.equals(primary));
    }

    IntegrationRef requireUsable(UUID tenantId, UUID integrationId, String field) {
        return registry.find(tenantId, integrationId)
                .filter(i -> i.category() == IntegrationCategory.EMAIL_SERVICE && providers.containsKey(i.provider()))
                .orElseThrow(() -> ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem(field,
                        "must be one of the tenant's email_service integrations with a provider the hub can send through ("
                                + String.join(", ", providers.keySet()) + ")"))));
    }

    Optional<EmailProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }
}
