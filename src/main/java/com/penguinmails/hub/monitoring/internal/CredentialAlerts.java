package com.penguinmails.hub.monitoring.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.monitoring.AlertType;
import com.penguinmails.hub.monitoring.Alerts;
import com.penguinmails.hub.providerkeys.ProviderKeyRevocationFailed;
import com.penguinmails.hub.providerkeys.ProviderKeyTestFailed;

/**
 * Alerts about credentials: a new key the provider refused (the old one stays in place), a retired
 * key that cannot be revoked. Synchronous listeners: the alert commits with the event's transaction.
 */
@Component
class CredentialAlerts {

    private final Alerts alerts;

    CredentialAlerts(Alerts alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void on(ProviderKeyTestFailed failed) {
        alerts.raise(failed.tenantId(), failed.integrationId(), AlertType.CREDENTIAL, Alerts.Severity.HIGH,
                "The new " + failed.field() + " for " + failed.provider() + " failed its test (" + failed.reason()
                        + "); the current key stays in place");
    }

    @EventListener
    void on(ProviderKeyRevocationFailed failed) {
        alerts.raise(failed.tenantId(), failed.integrationId(), AlertType.CREDENTIAL, Alerts.Severity.MEDIUM,
                "A retired " + failed.provider() + " key could not be revoked after " + failed.attempts()
                        + " attempts (" + failed.reason() + "); revoke it in the provider's dashboard");
    }
}
