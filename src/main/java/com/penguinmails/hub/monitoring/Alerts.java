package com.penguinmails.hub.monitoring;

import java.util.UUID;

/**
 * Raises and resolves alerts. Both join the caller's transaction, which must be scoped to the
 * alert's tenant; raising while the same alert is open counts another occurrence instead.
 */
public interface Alerts {

    enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    /** @return the open alert's id */
    UUID raise(UUID tenantId, UUID integrationId, AlertType type, Severity severity, String message);

    /** Resolves the open alert of this integration and type, if any; answers whether there was one. */
    boolean resolve(UUID tenantId, UUID integrationId, AlertType type, String resolvedBy);
}
