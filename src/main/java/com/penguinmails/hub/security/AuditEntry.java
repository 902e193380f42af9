package com.penguinmails.hub.security;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit-log record. Build it with {@link #of} and the {@code with...} methods, or let
 * {@link AuditLog#forRequest} fill actor and origin from the current request.
 *
 * @param action        what happened, {@code <thing>.<verb>}: {@code integration.created}, {@code api_key.revoked}
 * @param targetType    the kind of thing acted on ({@code integration}, {@code api_key}, {@code tenant}), or null
 * @param targetId      its id, or null
 * @param changes       the changed fields (secret ones by name only)
 * @param details       other non-secret context (e.g. the method and path of a staff visit)
 * @param clientAddress the caller's address, when the action came from a request
 * @param userAgent     the caller's user agent
 * @param requestId     the request's {@code X-Request-Id}
 */
public record AuditEntry(UUID tenantId, AuditActor actor, String action, String targetType, String targetId,
                         AuditChanges changes, Map<String, Object> details, String clientAddress,
                         String userAgent, String requestId) {

    public AuditEntry {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        changes = changes == null ? AuditChanges.none() : changes;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEntry of(UUID tenantId, AuditActor actor, String action) {
        return new AuditEntry(tenantId, actor, action, null, null, null, null, null, null, null);
    }

    public AuditEntry withTarget(String type, Object id) {
        return new AuditEntry(tenantId, actor, action, type, id == null ? null : id.toString(), changes, details,
                clientAddress, userAgent, requestId);
    }

    public AuditEntry withChanges(AuditChanges newChanges) {
        return new AuditEntry(tenantId, actor, action, targetType, targetId, newChanges, details, clientAddress,
                userAgent, requestId);
    }

    public AuditEntry withDetails(Map<String, Object> newDetails) {
        return new AuditEntry(tenantId, actor, action, targetType, targetId, changes, newDetails, clientAddress,
                userAgent, requestId);
    }

    public AuditEntry withOrigin(String address, String agent, String request) {
        return new AuditEntry(tenantId, actor, action, targetType, targetId, changes, details, address, agent,
                request);
    }
}
