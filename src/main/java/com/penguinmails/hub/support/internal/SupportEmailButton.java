package com.penguinmails.hub.support.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The guide's pre-filled support email: subject {@code [Support] <tenant> - <issue type>} and the body
 * with company, user, plan, account dates, browser, page, time and app version, as a
 * {@code mailto:} URL whose subject and body are percent-encoded as JavaScript's
 * {@code encodeURIComponent} does (space is {@code %20}, never {@code +}; line breaks are {@code %0A}).
 */
final class SupportEmailButton {

    record Context(String tenantName, String plan, Instant tenantCreated, String userName, String userEmail,
                   Instant lastSignIn, String browser, String page, Instant now, String appVersion, String issueType) {
    }

    record SupportEmail(String to, String subject, String body, String mailto) {
    }

    private SupportEmailButton() {
    }

    static SupportEmail build(String supportAddress, Context c) {
        String subject = "[Support] " + c.tenantName() + " - " + c.issueType();
        String body = """
                Hi PenguinMails Support Team,

                I need assistance with:

                [Please describe your issue here]

                ---
                Customer Information:
                - Company: %s
                - User: %s (%s)
                - Plan: %s
                - Account Created: %s
                - Last Login: %s

                Technical Information:
                - Browser: %s
                - URL: %s
                - Timestamp: %s
                - Version: %s

                Please include this information when responding.

                Best regards,
                %s
                """.formatted(c.tenantName(), c.userName(), c.userEmail(), c.plan() == null ? "Unknown" : c.plan(),
                c.tenantCreated() == null ? "Unknown" : c.tenantCreated().toString(),
                c.lastSignIn() == null ? "Unknown" : c.lastSignIn().toString(), orUnknown(c.browser()),
                orUnknown(c.page()), c.now().toString(), c.appVersion(), c.userName());
        return new SupportEmail(supportAddress, subject, body,
                "mailto:" + supportAddress + "?subject=" + encode(subject) + "&body=" + encode(body));
    }

    /** {@code encodeURIComponent}: UTF-8 percent-encoding of everything but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "Unknown" : s;
    }
}
