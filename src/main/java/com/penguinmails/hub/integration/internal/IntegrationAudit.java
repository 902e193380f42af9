package com.penguinmails.hub.integration.internal;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;

/**
 * Records what happens to integrations in the tenant's audit log: settings with their old and new
 * values, credentials by name only.
 */
@Component
class IntegrationAudit {

    static final String TARGET = "integration";

    private final AuditLog audit;

    IntegrationAudit(AuditLog audit) {
        this.audit = audit;
    }

    void created(Integration i, Set<String> secretFields) {
        AuditChanges changes = AuditChanges.none().added("name", i.name()).added("category", i.category().value())
                .added("provider", i.provider()).added("status", i.status().value())
                .added("configuration", i.configuration());
        secretFields.forEach(changes::secret);
        audit.recordForRequest(i.tenantId(), "integration.created", TARGET, i.id(), changes);
    }

    void updated(Integration before, Integration after, Set<String> secretFields) {
        AuditChanges changes = AuditChanges.none();
        diff(changes, "name", before.name(), after.name());
        diff(changes, "category", before.category().value(), after.category().value());
        diff(changes, "authentication", before.authentication().value(), after.authentication().value());
        diff(changes, "configuration", before.configuration(), after.configuration());
        diff(changes, "endpoints", before.endpoints(), after.endpoints());
        diff(changes, "webhooks", before.webhooks(), after.webhooks());
        diff(changes, "rateLimits", before.rateLimits(), after.rateLimits());
        diff(changes, "errorHandling", before.errorHandling(), after.errorHandling());
        diff(changes, "monitoring", before.monitoring(), after.monitoring());
        diff(changes, "caching", before.caching(), after.caching());
        new TreeSet<>(secretFields).forEach(changes::secret);
        audit.recordForRequest(after.tenantId(), "integration.updated", TARGET, after.id(), changes);
    }

    void removed(Integration i) {
        audit.recordForRequest(i.tenantId(), "integration.deleted", TARGET, i.id(),
                AuditChanges.none().field("name", i.name(), null).field("status", i.status().value(), null));
    }

    void statusChanged(Integration before, Integration after, String changedBy) {
        audit.record(audit.forRequest(after.tenantId(), "integration.status_changed").withTarget(TARGET, after.id())
                .withChanges(AuditChanges.none().field("status", before.status().value(), after.status().value())
                        .field("statusReason", before.statusReason(), after.statusReason()))
                .withDetails(java.util.Map.of("changedBy", changedBy)));
    }

    void credentialReplaced(java.util.UUID tenantId, java.util.UUID integrationId, String field) {
        audit.recordForRequest(tenantId, "integration.credential_replaced", TARGET, integrationId,
                AuditChanges.none().secret(field));
    }

    private static void diff(AuditChanges changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.field(field, before, after);
        }
    }
}
