package com.penguinmails.hub.providerkeys.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.providerkeys.ProviderKeyRevocationFailed;
import com.penguinmails.hub.providerkeys.ProviderKeyRevoker;
import com.penguinmails.hub.providerkeys.RetirementJob;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;

/**
 * Revokes and erases keys whose grace period is over. Any number of nodes may run it: each key is
 * claimed with {@code FOR UPDATE SKIP LOCKED}. Revocation goes through the provider's API where a
 * revoker exists; otherwise the key is marked {@code manual_required}. Either way our copy of the
 * old key is erased. Failed revocations are retried with backoff and alerted after a few attempts.
 */
@Component
class RetiringProviderKeys implements RetirementJob {

    private static final Logger log = LoggerFactory.getLogger(RetiringProviderKeys.class);
    private static final int BATCH = 100;

    private final ProviderKeys keys;
    private final List<ProviderKeyRevoker> revokers;
    private final IntegrationRegistry registry;
    private final Keyring keyring;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final ProviderKeysProperties properties;
    private final TaskScheduler scheduler;
    private final AuditLog audit;
    private final Clock clock;

    RetiringProviderKeys(ProviderKeys keys, List<ProviderKeyRevoker> revokers, IntegrationRegistry registry,
                         Keyring keyring, TenantTransactions transactions, ApplicationEventPublisher events,
                         ProviderKeysProperties properties, TaskScheduler scheduler, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.keys = keys;
        this.revokers = revokers;
        this.registry = registry;
        this.keyring = keyring;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::runSafely, properties.retirementInterval());
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            log.error("Provider key retirement run failed; it will run again", e);
        }
    }

    /** One pass over every tenant's keys past their grace; returns how many were finished. */
    @Override
    public int run() {
        Instant now = clock.instant();
        int done = 0;
        for (ProviderKeys.Due due : transactions.inCurrentScope(() -> keys.due(now, BATCH))) {
            Boolean finished = transactions.inTenant(due.tenantId(), () -> keys.lock(due.tenantId(), due.id())
                    .filter(k -> "retiring".equals(k.state()))
                    .map(this::retire).orElse(false));
            done += Boolean.TRUE.equals(finished) ? 1 : 0;
        }
        return done;
    }

    private boolean retire(ProviderKey key) {
        Instant now = clock.instant();
        String provider = registry.find(key.tenantId(), key.integrationId()).map(r -> r.provider()).orElse("");
        Optional<ProviderKeyRevoker> revoker = revokers.stream().filter(r -> r.supports(provider, key.field()))
                .filter(r -> !r.needsProviderKeyId() || key.providerKeyId() != null).findFirst();
        if (revoker.isEmpty()) {
            keys.markRevoked(key.tenantId(), key.id(), "manual_required", now);
            recordRevoked(key, "manual_required");
            return true;
        }
        try {
            String oldValue = keys.sealedValue(key.tenantId(), key.id())
                    .map(sealed -> keyring.open(new SecretContext(key.tenantId(), RotatingProviderKey.TABLE, key.id(), "value"), sealed))
                    .orElse(null);
            revoker.get().revoke(key.tenantId(), key.integrationId(), provider, key.field(), key.providerKeyId(), oldValue,
                    registry.credentials(key.tenantId(), key.integrationId()));
            keys.markRevoked(key.tenantId(), key.id(), "provider", now);
            recordRevoked(key, "provider");
            return true;
        } catch (RuntimeException e) {
            int attempts = keys.recordRevocationFailure(key.tenantId(), key.id(), e.getMessage(),
                    now.plus(backoff(key.revocationAttempts() + 1)));
            log.warn("Revoking retired {} key {} of integration {} failed (attempt {}): {}", provider, key.id(),
                    key.integrationId(), attempts, e.getMessage());
            if (attempts == properties.revocationAttempts()) {
                events.publishEvent(new ProviderKeyRevocationFailed(key.tenantId(), key.integrationId(), key.id(),
                        provider, e.getMessage(), attempts, now));
            }
            return false;
        }
    }

    private void recordRevoked(ProviderKey key, String revocation) {
        audit.record(audit.forRequest(key.tenantId(), "provider_key.revoked").withTarget("provider_key", key.id())
                .withDetails(java.util.Map.of("integrationId", key.integrationId().toString(), "field", key.field(),
                        "revocation", revocation, "erased", true)));
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(attempt, 6)));
    }
}
