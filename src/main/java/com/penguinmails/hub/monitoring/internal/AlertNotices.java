package com.penguinmails.hub.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.tenancy.TenantMembers;
import com.penguinmails.hub.webhook.OutboundEvents;
import com.penguinmails.hub.webhook.WebhookEventType;
import com.penguinmails.hub.webhook.WebhookEventTypes;

/**
 * Tells a tenant about an alert that opened or was resolved: an email to each owner and admin
 * ({@code email.SystemEmails}) and {@code integration.alert_raised} / {@code integration.alert_resolved}
 * to its webhook endpoints, both written in the caller's transaction (they go out when it commits).
 */
@Component
class AlertNotices {

    static final String RAISED = "integration.alert_raised";
    static final String RESOLVED = "integration.alert_resolved";

    private final OutboundEvents outbound;
    private final SystemEmails emails;
    private final TenantMembers members;
    private final IntegrationRegistry registry;
    private final PlatformProperties platform;
    private final MonitoringProperties properties;

    AlertNotices(OutboundEvents outbound, SystemEmails emails, TenantMembers members, IntegrationRegistry registry,
                 PlatformProperties platform, MonitoringProperties properties) {
        this.outbound = outbound;
        this.emails = emails;
        this.members = members;
        this.registry = registry;
        this.platform = platform;
        this.properties = properties;
    }

    void raised(UUID tenantId, AlertStore.Alert alert) {
        String name = integrationName(tenantId, alert.integrationId());
        outbound.publish(tenantId, RAISED, data(alert, name));
        email(tenantId, alert, "alert_raised",
                "[PenguinMails] " + alert.severity().toUpperCase() + " alert: " + label(alert.type()) + " on " + name,
                "An alert was raised on your integration " + name + ".\n\n"
                        + "Type: " + alert.type() + "\nSeverity: " + alert.severity() + "\n"
                        + "What happened: " + alert.message() + "\nRaised at: " + alert.raisedAt() + "\n\n"
                        + "It resolves by itself when the condition clears, or you can resolve it in the console: "
                        + consoleLink(alert) + "\n");
    }

    void resolved(UUID tenantId, AlertStore.Alert alert) {
        String name = integrationName(tenantId, alert.integrationId());
        outbound.publish(tenantId, RESOLVED, data(alert, name));
        email(tenantId, alert, "alert_resolved",
                "[PenguinMails] Resolved: " + label(alert.type()) + " on " + name,
                "The " + alert.type() + " alert on your integration " + name + " is resolved"
                        + ("health_check".equals(alert.resolvedBy()) ? " (the condition cleared)" : "") + ".\n\n"
                        + "It was raised at " + alert.raisedAt() + " (" + alert.occurrences() + " occurrence"
                        + (alert.occurrences() == 1 ? "" : "s") + ") and resolved at " + alert.resolvedAt() + ".\n"
                        + "Last message: " + alert.message() + "\n\n" + consoleLink(alert) + "\n");
    }

    private void email(UUID tenantId, AlertStore.Alert alert, String kind, String subject, String text) {
        if (!properties.notifyByEmail()) {
            return;
        }
        for (TenantMembers.Contact admin : members.administrators(tenantId)) {
            if (admin.email() == null || admin.email().isBlank()) {
                continue;
            }
            emails.send(new SystemEmail("integration_" + kind, admin.email(), subject,
                    "Hello " + (admin.name() == null ? "" : admin.name()) + ",\n\n" + text, null, null,
                    Map.of("X-PenguinMails-Alert", alert.id().toString())));
        }
    }

    private String consoleLink(AlertStore.Alert alert) {
        String base = platform.publicBaseUrl().toString().replaceAll("/+$", "");
        return base + "/console/#/integration/" + alert.integrationId();
    }

    private String integrationName(UUID tenantId, UUID integrationId) {
        if (integrationId == null) {
            return "(platform)";
        }
        return registry.find(tenantId, integrationId).map(IntegrationRegistry.IntegrationRef::name)
                .orElse(integrationId.toString());
    }

    private static String label(String type) {
        return type.replace('_', ' ');
    }

    private static Map<String, Object> data(AlertStore.Alert alert, String integrationName) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.id().toString());
        data.put("integrationId", alert.integrationId() == null ? null : alert.integrationId().toString());
        data.put("integrationName", integrationName);
        data.put("type", alert.type());
        data.put("severity", alert.severity());
        data.put("message", alert.message());
        data.put("occurrences", alert.occurrences());
        data.put("raisedAt", alert.raisedAt().toString());
        if (alert.resolved()) {
            data.put("resolvedAt", alert.resolvedAt().toString());
            data.put("resolvedBy", alert.resolvedBy());
        }
        return data;
    }

    /** The catalogue entries, apart from the publisher: the catalogue must not depend on publishing. */
    @Component
    static class Catalogue implements WebhookEventTypes {

        @Override
        public List<WebhookEventType> eventTypes() {
            Map<String, Object> common = new LinkedHashMap<>();
            common.put("alertId", Map.of("type", "string"));
            common.put("integrationId", Map.of("type", "string"));
            common.put("integrationName", Map.of("type", "string"));
            common.put("type", Map.of("type", "string", "enum", List.of("error_rate", "response_time", "connectivity",
                    "quota_exceeded", "credential", "api_error")));
            common.put("severity", Map.of("type", "string", "enum", List.of("low", "medium", "high", "critical")));
            common.put("message", Map.of("type", "string"));
            common.put("occurrences", Map.of("type", "integer"));
            common.put("raisedAt", Map.of("type", "string", "format", "date-time"));
            Map<String, Object> resolved = new LinkedHashMap<>(common);
            resolved.put("resolvedAt", Map.of("type", "string", "format", "date-time"));
            resolved.put("resolvedBy", Map.of("type", "string"));
            return List.of(
                    new WebhookEventType(RAISED, "An integration alert opened: a health threshold was crossed (error "
                            + "rate, response time, connectivity, quota) or a credential or API error needs attention",
                            Map.of("type", "object", "required", List.of("alertId", "type", "severity", "message"),
                                    "properties", common)),
                    new WebhookEventType(RESOLVED, "An integration alert was resolved: its condition cleared at a "
                            + "health check, or someone resolved it by hand",
                            Map.of("type", "object", "required", List.of("alertId", "type", "resolvedAt"),
                                    "properties", resolved)));
        }
    }
}
