package com.penguinmails.hub.email;

import java.util.Map;
import java.util.Objects;

/**
 * An email the hub itself sends (verification, notifications, support-desk replies), through the
 * system sender ({@code hub.email.system.*}).
 *
 * @param kind    what it is, for reports and tags ({@code verify_email}, {@code billing_payment_failed}, …)
 * @param to      one recipient address
 * @param subject subject line
 * @param text    plain-text body (required)
 * @param html    HTML body, or null
 * @param replyTo Reply-To address, or null
 * @param headers extra headers sent as they are (e.g. {@code Message-ID}, {@code In-Reply-To},
 *                {@code References}); never null
 */
public record SystemEmail(String kind, String to, String subject, String text, String html, String replyTo,
                          Map<String, String> headers) {

    public SystemEmail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A plain-text email with no extra headers. */
    public static SystemEmail plain(String kind, String to, String subject, String text) {
        return new SystemEmail(kind, to, subject, text, null, null, Map.of());
    }
}
