package com.penguinmails.hub.mailgun.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.EmailEvent;
import com.penguinmails.hub.email.EmailEventType;
import com.penguinmails.hub.email.EmailEvents;
import com.penguinmails.hub.email.ProviderEventMapper;
import com.penguinmails.hub.webhook.InboundEvent;

/**
 * Turns Mailgun's events into the hub's: {@code failed} with severity {@code permanent} is a hard
 * bounce, {@code temporary} is deferred (Mailgun tries again); {@code rejected} is dropped. Other
 * events ({@code accepted}, {@code stored}, list events) are stored by the inbox and ignored. The hub's message id
 * comes back in {@code user-variables}; Mailgun's own id is {@code message.headers.message-id}.
 */
@Component
class MailgunEventMapper extends ProviderEventMapper {

    private static final Set<String> HANDLED = Set.of("delivered", "failed", "rejected", "complained", "unsubscribed",
            "opened", "clicked");

    MailgunEventMapper(EmailEvents emailEvents, JsonMapper json) {
        super("mailgun", HANDLED, emailEvents, json);
    }

    @Override
    protected JsonNode variables(JsonNode event) {
        return event.path("user-variables");
    }

    @Override
    protected EmailEvent map(InboundEvent event) {
        JsonNode data = json.readTree(event.payloadJson());
        JsonNode variables = data.path("user-variables");
        String severity = data.path("severity").asString("");
        EmailEventType type;
        String bounce = null;
        switch (event.type()) {
            case "delivered" -> type = EmailEventType.DELIVERED;
            case "failed" -> {
                // permanent: Mailgun gave up (hard bounce); temporary: Mailgun retries delivery (deferred)
                if ("permanent".equals(severity)) {
                    type = EmailEventType.BOUNCED;
                    bounce = "hard";
                } else {
                    type = EmailEventType.DEFERRED;
                }
            }
            case "rejected" -> type = EmailEventType.DROPPED;
            case "complained" -> type = EmailEventType.COMPLAINED;
            case "unsubscribed" -> type = EmailEventType.UNSUBSCRIBED;
            case "opened" -> type = EmailEventType.OPENED;
            case "clicked" -> type = EmailEventType.CLICKED;
            default -> throw new IllegalArgumentException("unhandled Mailgun event " + event.type());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        copy(data, "severity", details);
        copy(data, "reason", details);
        copy(data, "url", details);
        copy(data, "ip", details);
        JsonNode status = data.path("delivery-status");
        if (status.isObject()) {
            copy(status, "code", details);
            copy(status, "message", details);
            copy(status, "description", details);
        }
        return new EmailEvent("mailgun", event.dedupKey(), type, bounce, data.path("recipient").asString(""),
                uuid(variables.path("hub_message_id").asString("")).orElse(null),
                blankToNull(data.path("message").path("headers").path("message-id").asString("")),
                blankToNull(variables.path("campaign_id").asString("")),
                blankToNull(variables.path("recipient_id").asString("")), event.occurredAt(), details);
    }

    private static void copy(JsonNode from, String field, Map<String, Object> to) {
        JsonNode value = from.get(field);
        if (value != null && value.isValueNode() && !value.asString().isEmpty()) {
            to.put(field, value.asString());
        }
    }
}
