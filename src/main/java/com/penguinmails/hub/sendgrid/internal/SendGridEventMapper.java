package com.penguinmails.hub.sendgrid.internal;

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
 * Turns SendGrid's events into the hub's: {@code bounce} with {@code type: bounce} is a hard bounce,
 * {@code type: blocked} a soft one (the receiving server refused the message for now, e.g. over the
 * sending IP's reputation; SendGrid does not retry it, so it ends the message for the recipient, but
 * the address is not suppressed); {@code deferred} is deferred (SendGrid retries); {@code spamreport} is a complaint; both unsubscribe kinds are
 * unsubscribes; {@code processed}, {@code group_resubscribe} and unknown types are stored by the
 * inbox and ignored. {@code custom_args} arrive at the event's top level; SendGrid's message id is the
 * part of {@code sg_message_id} before its first dot (the {@code X-Message-Id} of the send).
 */
@Component
class SendGridEventMapper extends ProviderEventMapper {

    private static final Set<String> HANDLED = Set.of("delivered", "bounce", "dropped", "deferred", "spamreport",
            "unsubscribe", "group_unsubscribe", "open", "click");

    SendGridEventMapper(EmailEvents emailEvents, JsonMapper json) {
        super("sendgrid", HANDLED, emailEvents, json);
    }

    @Override
    protected JsonNode variables(JsonNode event) {
        return event;
    }

    @Override
    protected EmailEvent map(InboundEvent event) {
        JsonNode data = json.readTree(event.payloadJson());
        EmailEventType type;
        String bounce = null;
        switch (event.type()) {
            case "delivered" -> type = EmailEventType.DELIVERED;
            case "bounce" -> {
                type = EmailEventType.BOUNCED;
                bounce = "blocked".equals(data.path("type").asString("")) ? "soft" : "hard";
            }
            case "dropped" -> type = EmailEventType.DROPPED;
            case "deferred" -> type = EmailEventType.DEFERRED;
            case "spamreport" -> type = EmailEventType.COMPLAINED;
            case "unsubscribe", "group_unsubscribe" -> type = EmailEventType.UNSUBSCRIBED;
            case "open" -> type = EmailEventType.OPENED;
            case "click" -> type = EmailEventType.CLICKED;
            default -> throw new IllegalArgumentException("unhandled SendGrid event " + event.type());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (String field : new String[] {"reason", "status", "response", "attempt", "url", "ip", "useragent", "type"}) {
            JsonNode value = data.get(field);
            if (value != null && value.isValueNode()) {
                details.put(field, value.asString());
            }
        }
        String sgMessageId = data.path("sg_message_id").asString("");
        int dot = sgMessageId.indexOf('.');
        return new EmailEvent("sendgrid", event.dedupKey(), type, bounce, data.path("email").asString(""),
                uuid(data.path("hub_message_id").asString("")).orElse(null),
                sgMessageId.isEmpty() ? null : dot < 0 ? sgMessageId : sgMessageId.substring(0, dot),
                blankToNull(data.path("campaign_id").asString("")), blankToNull(data.path("recipient_id").asString("")),
                event.occurredAt(), details);
    }
}
