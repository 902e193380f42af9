package com.penguinmails.hub.email.internal;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.tenancy.TenantMembers;
import com.penguinmails.hub.webhook.WebhookEndpointDisabled;

/**
 * Tells a tenant's owners and admins by email that one of their webhook endpoints was disabled.
 * Synchronous on purpose: the emails are queued in the transaction that disabled the endpoint, so
 * they exist exactly when the endpoint is disabled (once, since disabling an already disabled
 * endpoint publishes nothing).
 */
@Component
class EndpointDisabledEmails {

    static final String KIND = "webhook_endpoint_disabled";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final SystemEmails emails;
    private final TenantMembers members;
    private final PlatformProperties platform;

    EndpointDisabledEmails(SystemEmails emails, TenantMembers members, PlatformProperties platform) {
        this.emails = emails;
        this.members = members;
        this.platform = platform;
    }

    @EventListener
    void on(WebhookEndpointDisabled disabled) {
        String console = platform.publicBaseUrl().toString().replaceAll("/+$", "") + "/console/";
        String body = """
                Hello,

                PenguinMails stopped sending webhooks to one of your endpoints:

                  Endpoint: %s
                  Endpoint id: %s
                  Reason: %s
                  Disabled at: %s

                Events for this endpoint are no longer queued; deliveries that were waiting went to its
                dead-letter list. When the endpoint works again, enable it in the console (%s) or with
                PUT /api/v1/tenants/%s/webhook-endpoints/%s, then replay its failed messages.
                """.formatted(disabled.url(), disabled.endpointId(), disabled.reason(),
                UTC.format(disabled.disabledAt()), console, disabled.tenantId(), disabled.endpointId());
        for (String admin : members.adminEmails(disabled.tenantId())) {
            emails.send(SystemEmail.plain(KIND, admin, "A PenguinMails webhook endpoint was disabled", body));
        }
    }
}
