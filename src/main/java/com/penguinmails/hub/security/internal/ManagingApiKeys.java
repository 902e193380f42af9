package com.penguinmails.hub.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.tenancy.TenantAccess;

/**
 * Creating, listing and revoking a tenant's API keys, each change audited in its own transaction.
 * A key that manages keys may only hand out scopes it holds itself.
 */
@Service
class ManagingApiKeys {

    static final String CREATED = "api_key.created";
    static final String REVOKED = "api_key.revoked";

    private final ApiKeys keys;
    private final AuditLog auditLog;
    private final TenantTransactions transactions;
    private final Clock clock;

    ManagingApiKeys(ApiKeys keys, AuditLog auditLog, TenantTransactions transactions, Clock clock) {
        this.keys = keys;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Created(ApiKeys.StoredKey key, String secretKey) {
        @Override
        public String toString() {
            return "Created[" + key.id() + "]";
        }
    }

    Created create(TenantAccess access, String name, List<String> scopeNames, Instant expiresAt) {
        Set<Scope> scopes = parse(scopeNames);
        access.apiKey().ifPresent(caller -> {
            if (!caller.scopes().containsAll(scopes)) {
                throw ApiProblem.forbidden("insufficient_scope", "An API key may only grant scopes it holds itself");
            }
        });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw invalid("expiresAt", "must be in the future");
        }
        for (int attempt = 1; ; attempt++) {
            ApiKeyTokens.NewKey generated = ApiKeyTokens.generate();
            ApiKeys.StoredKey key = new ApiKeys.StoredKey(access.tenantId(), UUID.randomUUID(), name.strip(),
                    generated.prefix(), scopes, now, expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS),
                    null, null);
            try {
                transactions.inTenant(access.tenantId(), () -> {
                    keys.insert(key, ApiKeyTokens.hash(generated.key()));
                    auditLog.recordForRequest(access.tenantId(), CREATED, "api_key", key.id(), AuditChanges.none()
                            .added("name", key.name())
                            .added("prefix", key.prefix())
                            .added("scopes", key.scopes().stream().map(Scope::value).sorted().toList())
                            .added("expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString())
                            .secret("key"));
                });
                return new Created(key, generated.key());
            } catch (DuplicateKeyException prefixTaken) {
                if (attempt >= 3) {
                    throw prefixTaken;
                }
            }
        }
    }

    List<ApiKeys.StoredKey> list(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> keys.ofTenant(tenantId));
    }

    void revoke(TenantAccess access, UUID keyId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.inTenant(access.tenantId(), () -> {
            keys.find(access.tenantId(), keyId)
                    .orElseThrow(() -> ApiProblem.notFound("api_key_not_found", "No API key with this id"));
            if (keys.revoke(access.tenantId(), keyId, now)) {
                auditLog.recordForRequest(access.tenantId(), REVOKED, "api_key", keyId,
                        AuditChanges.none().field("revokedAt", null, now.toString()));
            }
        });
    }

    private static Set<Scope> parse(List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(Scope.parse(name).orElseThrow(() -> invalid("scopes", "unknown scope '" + name
                    + "'; one of " + String.join(", ", EnumSet.allOf(Scope.class).stream().map(Scope::value).toList()))));
        }
        return scopes;
    }

    private static ApiProblem invalid(String field, String message) {
        return ApiProblem.badRequest("validation_failed", "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
