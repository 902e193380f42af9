package com.penguinmails.hub.security;

import java.util.UUID;

/**
 * Appends to the tenant's audit log. Writes join the caller's transaction, so an entry commits or
 * rolls back with the change it describes; a transaction already running must be scoped to the
 * entry's tenant. Without a transaction, the entry is written in its own, scoped to its tenant.
 */
public interface AuditLog {

    void record(AuditEntry entry);

    /**
     * An entry for {@code tenantId} whose actor, client address, user agent and request id come from
     * the current request: the API key, the visiting staff member or the signed-in user, or
     * {@code system} when there is no request (a scheduled job).
     */
    AuditEntry forRequest(UUID tenantId, String action);

    /** Records {@link #forRequest} with a target and changes: the common case for an API handler. */
    default void recordForRequest(UUID tenantId, String action, String targetType, Object targetId,
                                  AuditChanges changes) {
        record(forRequest(tenantId, action).withTarget(targetType, targetId).withChanges(changes));
    }
}
