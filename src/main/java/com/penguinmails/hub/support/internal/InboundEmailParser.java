package com.penguinmails.hub.support.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the three inbound formats into an {@link InboundEmail} with Apache Mime4j: a raw RFC 822
 * message, Mailgun's route fields (parsed, or raw in {@code body-mime}) and SendGrid's inbound-parse
 * fields (raw or parsed). Anything that is not an email with a sender address is refused as
 * {@link NotAnEmail}.
 */
@Component
class InboundEmailParser {

    static final class NotAnEmail extends RuntimeException {
        NotAnEmail(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_BODY_CHARS = 200_000;

    private final JsonMapper json;

    InboundEmailParser(JsonMapper json) {
        this.json = json;
    }

    /** A raw RFC 822 message. */
    InboundEmail raw(byte[] message) {
        Message parsed = parse(message);
        Mailbox from = parsed.getFrom() == null || parsed.getFrom().isEmpty() ? null : parsed.getFrom().get(0);
        if (from == null || from.getAddress() == null || !from.getAddress().contains("@")) {
            throw new NotAnEmail("The message has no From address");
        }
        String address = InboundEmail.normaliseAddress(from.getAddress());
        AutomatedMail automated = AutomatedMail.of(name -> header(parsed, name), lower(parsed.getMimeType()), address);
        return new InboundEmail(address, from.getName(),
                orEmpty(parsed.getSubject()), ReplyText.strip(text(parsed).orElse("")),
                InboundEmail.messageIdOf(parsed.getMessageId()),
                InboundEmail.threadIds(header(parsed, "In-Reply-To"), header(parsed, "References")), automated,
                automated == AutomatedMail.BOUNCE
                        ? InboundEmail.reportedIds(new String(message, StandardCharsets.ISO_8859_1)) : List.of());
    }

    /**
     * Mailgun's route POST: the whole message in {@code body-mime} (a route's store/notify or forward to a
     * URL ending in {@code mime}), parsed like raw MIME; else the parsed fields, whose ids come from the
     * fields or else from {@code message-headers}.
     */
    InboundEmail mailgun(Map<String, String> form) {
        String mime = form.get("body-mime");
        if (mime != null && !mime.isBlank()) {
            return raw(mime.getBytes(StandardCharsets.UTF_8));
        }
        Mailbox from = mailbox(first(form.get("from"), form.get("sender")));
        Map<String, String> headers = mailgunHeaders(form.get("message-headers"));
        String messageId = first(form.get("Message-Id"), headers.get("message-id"));
        String inReplyTo = first(form.get("In-Reply-To"), headers.get("in-reply-to"));
        String references = first(form.get("References"), headers.get("references"));
        String stripped = form.get("stripped-text");
        String plain = orEmpty(form.get("body-plain"));
        // Mailgun strips the quoted history itself when it can (stripped-text); when it does not, the desk does
        String body = stripped != null && !stripped.isBlank() ? stripped
                : !plain.isBlank() ? ReplyText.strip(plain) : ReplyText.strip(ReplyText.fromHtml(orEmpty(form.get("body-html"))));
        String address = InboundEmail.normaliseAddress(from.getAddress());
        AutomatedMail automated = AutomatedMail.of(name -> first(form.get(name), headers.get(name.toLowerCase(java.util.Locale.ROOT))),
                lower(mimeTypeOf(headers.get("content-type"))), address);
        return new InboundEmail(address, from.getName(),
                orEmpty(form.get("subject")), limit(body), InboundEmail.messageIdOf(messageId),
                InboundEmail.threadIds(inReplyTo, references), automated,
                automated == AutomatedMail.BOUNCE ? InboundEmail.reportedIds(plain) : List.of());
    }

    /** SendGrid inbound parse: {@code email} holds the raw message when "send raw" is on; else parsed fields. */
    InboundEmail sendGrid(Map<String, String> form) {
        String raw = form.get("email");
        if (raw != null && !raw.isBlank()) {
            return raw(raw.getBytes(StandardCharsets.UTF_8));
        }
        Mailbox from = mailbox(form.get("from"));
        Message headers = parse((orEmpty(form.get("headers")).strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        String text = orEmpty(form.get("text"));
        String body = !text.isBlank() ? ReplyText.strip(text) : ReplyText.strip(ReplyText.fromHtml(orEmpty(form.get("html"))));
        String address = InboundEmail.normaliseAddress(from.getAddress());
        AutomatedMail automated = AutomatedMail.of(name -> header(headers, name), lower(headers.getMimeType()), address);
        return new InboundEmail(address, from.getName(),
                orEmpty(first(form.get("subject"), headers.getSubject())), body,
                InboundEmail.messageIdOf(headers.getMessageId()),
                InboundEmail.threadIds(header(headers, "In-Reply-To"), header(headers, "References")), automated,
                automated == AutomatedMail.BOUNCE ? InboundEmail.reportedIds(text) : List.of());
    }

    private static String mimeTypeOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    private static Mailbox mailbox(String value) {
        if (value == null || value.isBlank()) {
            throw new NotAnEmail("The email has no sender");
        }
        Mailbox mailbox;
        try {
            mailbox = LenientAddressParser.DEFAULT.parseMailbox(value);
        } catch (RuntimeException e) {
            throw new NotAnEmail("The sender is not an address");
        }
        if (mailbox == null || mailbox.getAddress() == null || !mailbox.getAddress().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new NotAnEmail("The sender is not an address");
        }
        return mailbox;
    }

    private Map<String, String> mailgunHeaders(String value) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (value == null || value.isBlank()) {
            return headers;
        }
        try {
            JsonNode array = json.readTree(value);
            for (JsonNode pair : array) {
                if (pair.isArray() && pair.size() == 2) {
                    headers.putIfAbsent(pair.get(0).asString().toLowerCase(java.util.Locale.ROOT), pair.get(1).asString());
                }
            }
        } catch (RuntimeException malformed) {
            throw new NotAnEmail("message-headers is not Mailgun's JSON list of [name, value] pairs");
        }
        return headers;
    }

    private static Message parse(byte[] bytes) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(new MimeConfig.Builder().setMaxLineLen(-1).setMaxHeaderLen(-1)
                .setMaxHeaderCount(1000).build());
        try {
            return builder.parseMessage(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new NotAnEmail("The message is not valid MIME");
        }
    }

    private static String header(Message message, String name) {
        Field field = message.getHeader() == null ? null : message.getHeader().getField(name);
        return field == null ? null : field.getBody();
    }

    /** The first text/plain part, else the first text/html part with its tags removed. */
    private static Optional<String> text(Entity entity) {
        return part(entity, "text/plain").or(() -> part(entity, "text/html").map(ReplyText::fromHtml));
    }

    private static Optional<String> part(Entity entity, String mimeType) {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity child : multipart.getBodyParts()) {
                Optional<String> found = part(child, mimeType);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if ("attachment".equalsIgnoreCase(entity.getDispositionType()) || !mimeType.equalsIgnoreCase(entity.getMimeType())
                || !(entity.getBody() instanceof TextBody body)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        try (Reader reader = body.getReader()) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) > 0 && text.length() < MAX_BODY_CHARS) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(limit(text.toString()));
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String limit(String s) {
        return s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS);
    }
}
