package com.penguinmails.hub.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.penguinmails.hub.platform.auth.Scope;

/** The JSON shapes of the security API. */
final class SecurityApi {

    private SecurityApi() {
    }

    record AuditEntryView(UUID id, Instant occurredAt, String actorType, UUID actorId, String action,
                          String targetType, String targetId, Map<String, Object> changes,
                          Map<String, Object> details, String clientAddress, String userAgent, String requestId) {
        static AuditEntryView of(AuditRecords.StoredEntry e) {
            return new AuditEntryView(e.id(), e.occurredAt(), e.actorType(), e.actorId(), e.action(), e.targetType(),
                    e.targetId(), e.changes(), e.details(), e.clientAddress(), e.userAgent(), e.requestId());
        }
    }

    /** @param nextCursor pass as {@code cursor} for the next page; absent on the last page */
    record AuditPage(List<AuditEntryView> entries, String nextCursor) {
    }

    record ApiKeyRequest(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 20) List<@NotNull @Size(max = 50) String> scopes,
            Instant expiresAt) {
    }

    record ApiKeyView(UUID id, String name, String prefix, List<String> scopes, Instant createdAt,
                      Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiKeyView of(ApiKeys.StoredKey k) {
            return new ApiKeyView(k.id(), k.name(), k.prefix(), k.scopes().stream().map(Scope::value).sorted().toList(),
                    k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revokedAt());
        }
    }

    /** The answer to creating a key: the only time {@code key} is ever shown. */
    record CreatedApiKeyView(UUID id, String name, String prefix, List<String> scopes, Instant createdAt,
                             Instant expiresAt, String key) {
        @Override
        public String toString() {
            return "CreatedApiKeyView[id=" + id + ", prefix=" + prefix + "]";
        }
    }
}
