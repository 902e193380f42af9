package com.penguinmails.hub.monitoring;

import java.util.UUID;

/**
 * Raises and resolves alerts: the hub's one alert store. Both join the caller's transaction, which
 * must be scoped to the alert's tenant; raising while the same alert is open counts another
 * occurrence (and keeps the higher severity) instead of opening a second one. A new alert and a
 * resolution notify the tenant's owners and admins by email and publish
 * {@code integration.alert_raised} / {@code integration.alert_resolved} to its webhook endpoints, in
 * that same transaction.
 */
public interface Alerts {

    enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    /** @return the open alert's id */
    UUID raise(UUID tenantId, UUID integrationId, AlertType type, Severity severity, String message);

    /** Resolves the open alert of this integration and type, if any; answers whether there was one. */
    boolean resolve(UUID tenantId, UUID integrationId, AlertType type, String resolvedBy);
}
