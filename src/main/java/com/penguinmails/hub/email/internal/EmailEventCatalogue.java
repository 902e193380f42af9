package com.penguinmails.hub.email.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.EmailEventType;
import com.penguinmails.hub.webhook.WebhookEventType;
import com.penguinmails.hub.webhook.WebhookEventTypes;

/** The email events tenants can subscribe their webhook endpoints to. */
@Component
class EmailEventCatalogue implements WebhookEventTypes {

    private static final Map<String, Object> DATA = Map.of("type", "object", "required",
            List.of("messageId", "recipient"), "properties", Map.of(
                    "messageId", Map.of("type", "string", "format", "uuid"),
                    "recipient", Map.of("type", "string"),
                    "status", Map.of("type", "string", "description", "the recipient's status after the event"),
                    "messageStatus", Map.of("type", "string", "description",
                            "the message's status after the event (its most advanced recipient)"),
                    "campaignId", Map.of("type", "string"),
                    "recipientId", Map.of("type", "string"),
                    "provider", Map.of("type", "string"),
                    "occurredAt", Map.of("type", "string", "format", "date-time"),
                    "bounceKind", Map.of("enum", List.of("hard", "soft")),
                    "details", Map.of("type", "object")));

    private static final Map<EmailEventType, String> DESCRIPTIONS = Map.of(
            EmailEventType.DELIVERED, "The recipient's server accepted the message",
            EmailEventType.BOUNCED, "The message bounced for the recipient: bounceKind hard (Mailgun failed/permanent, "
                    + "SendGrid bounce; the address is suppressed) or soft (SendGrid blocked; not suppressed)",
            EmailEventType.DEFERRED, "Delivery failed for now and the provider tries again (Mailgun failed/temporary, "
                    + "SendGrid deferred)",
            EmailEventType.DROPPED, "The provider did not send to the recipient (Mailgun rejected, SendGrid dropped)",
            EmailEventType.COMPLAINED, "The recipient reported the message as spam (the address is suppressed)",
            EmailEventType.UNSUBSCRIBED, "The recipient unsubscribed (the address is suppressed)",
            EmailEventType.OPENED, "The recipient opened the message",
            EmailEventType.CLICKED, "The recipient clicked a link in the message");

    @Override
    public List<WebhookEventType> eventTypes() {
        List<WebhookEventType> types = new java.util.ArrayList<>();
        types.add(new WebhookEventType("email.sent", "A provider accepted a message for its recipients", Map.of(
                "type", "object", "properties", Map.of("messageId", Map.of("type", "string"),
                        "provider", Map.of("type", "string"), "providerMessageId", Map.of("type", "string"),
                        "campaignId", Map.of("type", "string"), "recipients", Map.of("type", "integer"),
                        "failover", Map.of("type", "boolean")))));
        for (EmailEventType type : EmailEventType.values()) {
            types.add(new WebhookEventType("email." + type.value(), DESCRIPTIONS.get(type), DATA));
        }
        return types;
    }

}
