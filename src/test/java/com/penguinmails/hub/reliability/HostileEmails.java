package com.penguinmails.hub.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds and encodings for fuzzing the support desk's inbound email: a Mailgun route forward
 * (urlencoded form), a SendGrid inbound-parse post (multipart form, parsed fields or the raw message
 * in {@code email}) and a raw RFC 822 message. A seed is an object of text fields (form fields, or
 * header lines plus {@code body}), so {@link HostileInput}'s mutations apply to it; the encoders turn
 * the mutated object back into the bytes a provider would post (a field's value that the mutations
 * made non-text is sent as its JSON text). Splice mutations then cut into those encoded bytes.
 */
final class HostileEmails {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String BODY = "body";

    private HostileEmails() {
    }

    /** Mailgun route fields (signature fields are added by the caller). */
    static ObjectNode mailgun(String sender, String subject, int variant) {
        ObjectNode form = NODES.objectNode();
        String messageId = messageId();
        form.put("recipient", "support@penguinmails.com");
        form.put("sender", sender);
        form.put("from", "Customer <" + sender + ">");
        form.put("subject", subject);
        form.put("body-plain", "Hello, deliveries fail.\r\n\r\nOn Mon someone wrote:\r\n> quoted");
        if (variant % 2 == 0) {
            form.put("stripped-text", "Hello, deliveries fail.");
            form.put("Message-Id", messageId);
        } else {
            form.put("message-headers", "[[\"Message-Id\",\"" + messageId + "\"],[\"In-Reply-To\",\"" + messageId()
                    + "\"],[\"References\",\"" + messageId() + " " + messageId() + "\"]]");
        }
        return form;
    }

    /** SendGrid inbound parse: parsed fields, or (odd variants) the whole message in {@code email}. */
    static ObjectNode sendGrid(String sender, String subject, int variant) {
        ObjectNode form = NODES.objectNode();
        form.put("to", "support@penguinmails.com");
        form.put("from", "Customer <" + sender + ">");
        form.put("subject", subject);
        form.put("envelope", "{\"to\":[\"support@penguinmails.com\"],\"from\":\"" + sender + "\"}");
        if (variant % 2 == 0) {
            form.put("text", "Why was I charged twice?\n\n> earlier text");
            form.put("html", "<p>Why was I charged twice?</p>");
            form.put("headers", "Message-ID: " + messageId() + "\nIn-Reply-To: " + messageId() + "\nReferences: "
                    + messageId());
        } else {
            form.put("email", rfc822(raw(sender, subject, variant / 2)));
        }
        return form;
    }

    /** A raw message as header fields (in order) plus {@code body}; four MIME shapes. */
    static ObjectNode raw(String sender, String subject, int variant) {
        ObjectNode message = NODES.objectNode();
        message.put("From", "Customer <" + sender + ">");
        message.put("To", "support@penguinmails.com");
        message.put("Subject", variant % 4 == 2 ? "=?utf-8?B?w6lsw6lwaGFudCA=?= " + subject : subject);
        message.put("Message-ID", messageId());
        message.put("In-Reply-To", messageId());
        message.put("References", messageId() + " " + messageId());
        message.put("Date", "Thu, 26 Nov 2026 10:00:00 +0000");
        message.put("MIME-Version", "1.0");
        switch (variant % 4) {
            case 1 -> {
                message.put("Content-Type", "multipart/alternative; boundary=\"b1\"");
                message.put(BODY, "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
                        + "quoted-printable\r\n\r\nHello =C3=A9 world, soft=\r\nbreak\r\n--b1\r\nContent-Type: text/html\r\n\r\n"
                        + "<p>Hello</p>\r\n--b1--\r\n");
            }
            case 2 -> {
                message.put("Content-Type", "text/plain; charset=x-unknown-charset");
                message.put("Content-Transfer-Encoding", "base64");
                message.put(BODY, "SGVsbG8sIG15IGludm9pY2UgaXMgd3Jvbmcu\r\n");
            }
            case 3 -> {
                message.put("Content-Type", "multipart/mixed; boundary=\"outer\"");
                message.put(BODY, "--outer\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--outer\r\n"
                        + "Content-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                        + "From: inner@example.com\r\nSubject: inner\r\n\r\ninner body\r\n--outer--\r\n");
            }
            default -> {
                message.put("Content-Type", "text/plain; charset=utf-8");
                message.put(BODY, "My invoice is wrong.\r\n\r\nOn Mon, someone wrote:\r\n> quoted\r\n");
            }
        }
        return message;
    }

    /** Header fields as {@code Name: value} lines, a blank line, then the body. */
    static String rfc822(JsonNode message) {
        StringBuilder text = new StringBuilder();
        JsonNode body = null;
        for (var field : message.properties()) {
            if (BODY.equals(field.getKey())) {
                body = field.getValue();
            } else {
                text.append(field.getKey()).append(": ").append(text(field.getValue())).append("\r\n");
            }
        }
        return text.append("\r\n").append(body == null ? "" : text(body)).toString();
    }

    static String urlEncoded(JsonNode form, List<String[]> extra) {
        StringBuilder text = new StringBuilder();
        if (form.isObject()) {
            for (var field : form.properties()) {
                pair(text, field.getKey(), text(field.getValue()));
            }
        } else {
            pair(text, "body", text(form));
        }
        extra.forEach(p -> pair(text, p[0], p[1]));
        return text.toString();
    }

    static String multipart(JsonNode form, String boundary) {
        StringBuilder body = new StringBuilder();
        if (form.isObject()) {
            for (var field : form.properties()) {
                body.append("--").append(boundary).append("\r\n").append("Content-Disposition: form-data; name=\"")
                        .append(field.getKey()).append("\"\r\n\r\n").append(text(field.getValue())).append("\r\n");
            }
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    private static void pair(StringBuilder text, String name, String value) {
        text.append(text.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    static String messageId() {
        return "<" + UUID.randomUUID() + "@customer.example.com>";
    }
}
