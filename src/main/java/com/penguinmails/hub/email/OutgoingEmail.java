package com.penguinmails.hub.email;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A message as handed to a provider. The hub attaches {@code hub_message_id}, {@code hub_tenant_id},
 * {@code campaign_id} and {@code recipient_id} as provider variables (Mailgun {@code v:}, SendGrid
 * {@code custom_args}) so the provider's events find their way back; those are visible to
 * recipients in the raw message, so nothing secret goes there.
 */
public record OutgoingEmail(UUID tenantId, UUID messageId, String from, List<String> to, List<String> cc,
                            List<String> bcc, String replyTo, String subject, String html, String text,
                            String templateId, Map<String, Object> templateData, Map<String, String> variables,
                            String campaignId, String recipientId, List<String> tags, Map<String, String> headers) {

    /** The variables every provider attaches to the message, hub ids first. */
    public Map<String, String> trackingVariables() {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("hub_message_id", messageId.toString());
        all.put("hub_tenant_id", tenantId.toString());
        if (campaignId != null) {
            all.put("campaign_id", campaignId);
        }
        if (recipientId != null) {
            all.put("recipient_id", recipientId);
        }
        if (variables != null) {
            variables.forEach(all::putIfAbsent);
        }
        return all;
    }
}
