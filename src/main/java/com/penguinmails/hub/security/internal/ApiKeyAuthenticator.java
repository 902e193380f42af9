package com.penguinmails.hub.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.auth.ApiKeyCaller;
import com.penguinmails.hub.platform.auth.BearerAuthenticator;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * Authenticates {@code Authorization: Bearer pm_live_...} keys for the tenancy module's filter.
 * Unknown, revoked and expired keys are simply not authenticated, which the API answers with 401.
 */
@Component
class ApiKeyAuthenticator implements BearerAuthenticator {

    /** last_used_at is written at most this often per key, not on every request. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeys keys;
    private final TenantTransactions transactions;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeys keys, TenantTransactions transactions, Clock clock) {
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(ApiKeyTokens.MARKER);
    }

    @Override
    public Optional<ApiKeyCaller> authenticate(String token) {
        Optional<ApiKeyTokens.Presented> presented = ApiKeyTokens.parse(token);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKeys.FoundKey> found = transactions.inCurrentScope(
                () -> keys.lookup(presented.get().prefix(), presented.get().hash()))
                .filter(k -> k.revokedAt() == null)
                .filter(k -> k.expiresAt() == null || now.isBefore(k.expiresAt()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKeys.FoundKey key = found.get();
        Instant touchCutoff = now.minus(TOUCH_INTERVAL);
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(touchCutoff)) {
            transactions.inTenant(key.tenantId(), () -> keys.touch(key.tenantId(), key.id(), now, touchCutoff));
        }
        return Optional.of(new ApiKeyCaller(key.id(), key.tenantId(), presented.get().prefix(), key.scopes()));
    }
}
