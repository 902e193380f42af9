package com.penguinmails.hub.monitoring.internal;

import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts;

/**
 * The hub's alerts: the store de-duplicates (one open alert per integration and type), and only
 * an alert this raise opened — or a resolution — tells the tenant's admins and its webhook endpoints.
 */
@Service
class AlertBook implements Alerts {

    private final AlertStore store;
    private final AlertNotices notices;

    AlertBook(AlertStore store, AlertNotices notices) {
        this.store = store;
        this.notices = notices;
    }

    @Override
    public UUID raise(UUID tenantId, UUID integrationId, AlertType type, Severity severity, String message) {
        AlertStore.Raised raised = store.raise(tenantId, integrationId, type, severity, message);
        if (raised.opened()) {
            notices.raised(tenantId, raised.alert());
        }
        return raised.alert().id();
    }

    @Override
    public boolean resolve(UUID tenantId, UUID integrationId, AlertType type, String resolvedBy) {
        return store.resolve(tenantId, integrationId, type, resolvedBy)
                .map(alert -> {
                    notices.resolved(tenantId, alert);
                    return true;
                }).orElse(false);
    }

    /** Resolves an open alert by its id (by hand); answers whether it was open. */
    boolean resolve(UUID tenantId, UUID alertId, String resolvedBy) {
        return store.resolve(tenantId, alertId, resolvedBy)
                .map(alert -> {
                    notices.resolved(tenantId, alert);
                    return true;
                }).orElse(false);
    }
}
