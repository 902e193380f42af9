package com.penguinmails.hub.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.penguinmails.hub.oauth.MailboxMessage;

/**
 * A {@link MailboxMessage} as an RFC 5322 / MIME message (for Gmail's {@code raw}): UTF-8 bodies in
 * base64, non-ASCII header text as RFC 2047 encoded words, {@code multipart/alternative} when both
 * bodies are given. Header values with line breaks are refused (header injection).
 */
final class Rfc5322Message {

    private static final String CRLF = "\r\n";
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII));

    private Rfc5322Message() {
    }

    static byte[] render(MailboxMessage message, String fromAddress, ZonedDateTime date, String boundarySeed) {
        StringBuilder out = new StringBuilder();
        String from = message.fromName() == null || message.fromName().isBlank() ? address(fromAddress)
                : words(message.fromName()) + " <" + address(fromAddress) + ">";
        header(out, "From", from);
        addresses(out, "To", message.to());
        addresses(out, "Cc", message.cc());
        addresses(out, "Bcc", message.bcc());
        if (message.replyTo() != null) {
            header(out, "Reply-To", address(message.replyTo()));
        }
        header(out, "Subject", words(message.subject()));
        header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
        header(out, "Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        header(out, "MIME-Version", "1.0");
        if (message.textBody() != null && message.htmlBody() != null) {
            String boundary = "=_pm_" + boundarySeed;
            header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            out.append(CRLF);
            part(out.append("--").append(boundary).append(CRLF), "text/plain", message.textBody());
            part(out.append("--").append(boundary).append(CRLF), "text/html", message.htmlBody());
            out.append("--").append(boundary).append("--").append(CRLF);
        } else if (message.htmlBody() != null) {
            part(out, "text/html", message.htmlBody());
        } else {
            part(out, "text/plain", message.textBody());
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void part(StringBuilder out, String type, String body) {
        header(out, "Content-Type", type + "; charset=UTF-8");
        header(out, "Content-Transfer-Encoding", "base64");
        out.append(CRLF).append(MIME.encodeToString(body.getBytes(StandardCharsets.UTF_8))).append(CRLF);
    }

    private static void addresses(StringBuilder out, String name, List<String> list) {
        if (!list.isEmpty()) {
            header(out, name, String.join(", ", list.stream().map(Rfc5322Message::address).toList()));
        }
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append(CRLF);
    }

    /** A bare address: no line breaks, no spaces, no angle brackets, one @. */
    static String address(String value) {
        String address = value == null ? "" : value.strip();
        if (!address.matches("[^\\s<>\",;@]+@[^\\s<>\",;@]+")) {
            throw new IllegalArgumentException("Not an email address: " + address.replaceAll("[\\r\\n]", " "));
        }
        return address;
    }

    /** Header text: as is when printable ASCII, else RFC 2047 base64 encoded words. */
    static String words(String text) {
        if (text.contains("\r") || text.contains("\n")) {
            throw new IllegalArgumentException("Header text must not contain line breaks");
        }
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        StringBuilder encoded = new StringBuilder();
        // at most 45 bytes per word keeps each encoded word within 75 characters
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(bytes.length, start + 45);
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
                end--; // never split a UTF-8 sequence
            }
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, start, end);
            if (encoded.length() > 0) {
                encoded.append(CRLF).append(' ');
            }
            encoded.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk)).append("?=");
            start = end;
        }
        return encoded.toString();
    }
}
