package com.penguinmails.hub.monitoring.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationErrorRecorded;
import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts;
import com.penguinmails.hub.oauth.OAuthConnectionExpired;

/**
 * Alerts raised the moment a failure is recorded, not at the next health check: the gateway's API
 * errors the integration asks its admins to hear about ({@code api_error}), refused credentials
 * ({@code credential}: the gateway also puts the integration in {@code error}), exhausted quotas
 * ({@code quota_exceeded}), and OAuth connections that expired ({@code credential}). Synchronous
 * listeners: each alert commits with the transaction that recorded the failure.
 */
@Component
class ProviderFailureAlerts {

    private final Alerts alerts;

    ProviderFailureAlerts(Alerts alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void on(IntegrationErrorRecorded recorded) {
        if (recorded.integrationId() == null) {
            return;
        }
        ErrorType type = recorded.error().type();
        String what = recorded.provider() + " " + recorded.operation() + " failed (" + type.value()
                + (recorded.error().httpStatus() == null ? "" : ", HTTP " + recorded.error().httpStatus())
                + ", incident " + recorded.error().incidentId() + "): " + recorded.error().message();
        if (type == ErrorType.AUTHENTICATION) {
            alerts.raise(recorded.tenantId(), recorded.integrationId(), AlertType.CREDENTIAL, Alerts.Severity.CRITICAL,
                    "The provider refused the integration's credentials; the integration is in error until a health "
                            + "check succeeds or an admin reactivates it. " + what);
        } else if (type == ErrorType.QUOTA) {
            alerts.raise(recorded.tenantId(), recorded.integrationId(), AlertType.QUOTA_EXCEEDED, Alerts.Severity.HIGH,
                    what);
        } else if (recorded.notifyAdmins()) {
            alerts.raise(recorded.tenantId(), recorded.integrationId(), AlertType.API_ERROR, Alerts.Severity.MEDIUM, what);
        }
    }

    @EventListener
    void on(OAuthConnectionExpired expired) {
        alerts.raise(expired.tenantId(), expired.integrationId(), AlertType.CREDENTIAL, Alerts.Severity.HIGH,
                expired.message() + (expired.incidentId() == null ? "" : " (incident " + expired.incidentId() + ")"));
    }
}
