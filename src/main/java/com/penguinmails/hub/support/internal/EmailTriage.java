package com.penguinmails.hub.support.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The documented rules that give a new ticket from email (or a request without them) its priority,
 * category and complexity, by keywords in the subject and body (case-insensitive, whole words). The
 * first matching line wins; the README lists the keywords.
 */
final class EmailTriage {

    private static final List<Rule> PRIORITY = List.of(
            new Rule("urgent", words("urgent", "emergency", "outage", "critical", "production down", "asap", "all emails failing")),
            new Rule("high", words("cannot send", "can't send", "not working", "broken", "failed", "failing", "error",
                    "bounced", "bouncing", "blocked", "suspended")),
            new Rule("low", words("question", "how do i", "how to", "feature request", "suggestion", "wondering")));
    private static final List<Rule> CATEGORY = List.of(
            new Rule("billing", words("invoice", "payment", "charge", "charged", "refund", "billing", "subscription",
                    "plan", "card", "receipt")),
            new Rule("technical", words("api", "webhook", "webhooks", "smtp", "dns", "dkim", "spf", "dmarc", "integration",
                    "error", "bounce", "bounced", "oauth", "mailgun", "sendgrid", "deliverability", "timeout")),
            new Rule("account", words("password", "login", "log in", "sign in", "2fa", "account", "access", "invite",
                    "locked out")));
    private static final Pattern TECHNICAL_DETAIL = words("stack trace", "exception", "http 5", "status code",
            "request id", "logs", "api", "webhook", "dns", "dkim", "smtp", "oauth");

    private EmailTriage() {
    }

    record Triage(String priority, String category, String complexity) {
    }

    static Triage of(String subject, String body) {
        String text = ((subject == null ? "" : subject) + "\n" + (body == null ? "" : body)).toLowerCase(Locale.ROOT);
        String priority = first(PRIORITY, text, "normal");
        String category = first(CATEGORY, text, "general");
        return new Triage(priority, category, complexity(text));
    }

    /** High: technical detail or a long message; low: a short message without it; medium otherwise. */
    static String complexity(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (TECHNICAL_DETAIL.matcher(lower).find() || lower.length() > 1500) {
            return "high";
        }
        return lower.length() < 400 ? "low" : "medium";
    }

    private static String first(List<Rule> rules, String text, String otherwise) {
        return rules.stream().filter(r -> r.pattern().matcher(text).find()).map(Rule::value).findFirst().orElse(otherwise);
    }

    private static Pattern words(String... words) {
        StringBuilder alternatives = new StringBuilder();
        for (String word : words) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(word));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(" + alternatives + ")(?![\\p{L}\\p{N}])");
    }

    private record Rule(String value, Pattern pattern) {
    }
}
