package com.penguinmails.hub.providerkeys.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.providerkeys.KeyTestOutcome;
import com.penguinmails.hub.providerkeys.KeyUnderTest;
import com.penguinmails.hub.providerkeys.ProviderKeyTestFailed;
import com.penguinmails.hub.providerkeys.ProviderKeyTester;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;

/**
 * Puts a new provider key in charge of an integration's credential field, in the guide's order:
 * test the new key against the provider; only if it passes, switch the configuration to it and
 * keep the old key (sealed) for the grace period, after which the retirement job revokes and erases
 * it. A failed test changes nothing and raises an alert.
 */
@Service
class RotatingProviderKey {

    static final String TABLE = "provider_keys";

    private final IntegrationRegistry registry;
    private final ProviderKeys keys;
    private final List<ProviderKeyTester> testers;
    private final Keyring keyring;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final ProviderKeysProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    RotatingProviderKey(IntegrationRegistry registry, ProviderKeys keys, List<ProviderKeyTester> testers,
                        Keyring keyring, TenantTransactions transactions, ApplicationEventPublisher events,
                        ProviderKeysProperties properties, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.registry = registry;
        this.keys = keys;
        this.testers = testers;
        this.keyring = keyring;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    record NewKey(String field, String value, String environment, List<String> permissions, Instant expiresAt,
                  String rotationSchedule, String providerKeyId, Duration grace) {
        @Override
        public String toString() {
            return "NewKey[field=" + field + "]";
        }
    }

    ProviderKey rotate(UUID tenantId, UUID integrationId, NewKey key) {
        IntegrationRef integration = registry.find(tenantId, integrationId)
                .orElseThrow(() -> ApiProblem.notFound("integration_not_found", "No such integration in this tenant"));
        if (!registry.credentialFields(integration.provider()).contains(key.field())) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("field",
                    "must be one of " + registry.credentialFields(integration.provider()) + " for " + integration.provider())));
        }
        Optional<KeyTestOutcome> outcome = testers.stream()
                .filter(t -> t.supports(integration.provider(), key.field())).findFirst()
                .map(t -> t.test(new KeyUnderTest(tenantId, integrationId, integration.provider(), key.field(),
                        key.value(), integration.configuration())));
        Instant now = clock.instant();
        outcome.ifPresent(result -> audit.record(audit.forRequest(tenantId, "credential.used_for_test")
                .withTarget("integration", integrationId).withChanges(AuditChanges.none().secret(key.field()))
                .withDetails(java.util.Map.of("outcome", result instanceof KeyTestOutcome.Passed ? "passed" : "failed"))));
        if (outcome.orElse(null) instanceof KeyTestOutcome.Failed failed) {
            transactions.inTenant(tenantId, () -> {
                events.publishEvent(new ProviderKeyTestFailed(tenantId, integrationId, integration.provider(),
                        key.field(), failed.detail(), now));
                audit.record(audit.forRequest(tenantId, "provider_key.test_failed").withTarget("integration", integrationId)
                        .withDetails(java.util.Map.of("field", key.field(), "reason", failed.detail())));
            });
            throw new ApiProblem(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "key_test_failed",
                    "The provider refused the new key; the current key stays in place: " + failed.detail());
        }
        Duration grace = key.grace() == null ? properties.defaultGrace() : key.grace();
        ProviderKey created = new ProviderKey(tenantId, UUID.randomUUID(), integrationId, key.field(), key.environment(),
                key.permissions() == null ? List.of() : key.permissions(), key.rotationSchedule(), key.expiresAt(),
                key.providerKeyId(), "active", hint(key.value()), outcome.isPresent() ? "passed" : "untested",
                outcome.map(KeyTestOutcome::detail).orElse("no test available for " + integration.provider()),
                now, null, null, 0, null, null, null, now);
        return transactions.inTenant(tenantId, () -> {
            String previous = registry.credentials(tenantId, integrationId).get(key.field());
            Optional<UUID> retired = keys.retireActive(tenantId, integrationId, key.field(), now.plus(grace));
            if (retired.isEmpty() && previous != null) {
                // the key set at registration had no management row yet: give it one, retiring
                UUID legacy = UUID.randomUUID();
                keys.insertActive(new ProviderKey(tenantId, legacy, integrationId, key.field(), key.environment(),
                        List.of(), "never", null, null, "active", hint(previous), "untested",
                        "set when the integration was registered", now, null, null, 0, null, null, null, now));
                retired = keys.retireActive(tenantId, integrationId, key.field(), now.plus(grace));
            }
            if (previous != null) {
                UUID oldId = retired.orElseThrow();
                keys.seal(tenantId, oldId, keyring.seal(new SecretContext(tenantId, TABLE, oldId, "value"), previous));
            }
            registry.replaceCredential(tenantId, integrationId, key.field(), key.value());
            keys.insertActive(created);
            audit.record(audit.forRequest(tenantId, "provider_key.rotated").withTarget("provider_key", created.id())
                    .withChanges(AuditChanges.none().secret(key.field()))
                    .withDetails(java.util.Map.of("integrationId", integrationId.toString(), "environment",
                            key.environment(), "testOutcome", created.testOutcome(),
                            "graceSeconds", grace.toSeconds())));
            return created;
        });
    }

    static String hint(String value) {
        return value.length() >= 12 ? "…" + value.substring(value.length() - 4) : "…";
    }
}
