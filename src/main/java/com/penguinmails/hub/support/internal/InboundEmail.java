package com.penguinmails.hub.support.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An email that reached the desk, whatever the provider's format.
 *
 * @param fromAddress the sender's address (lower case)
 * @param body        the text to store: the provider's stripped reply when it gives one, else the plain text
 * @param messageId   {@code <id@host>}, or null when the email has none
 * @param threadIds   In-Reply-To then References, each {@code <id@host>}, without duplicates
 * @param automated   whether a person or a machine sent it (the desk never answers a machine automatically)
 * @param reportedIds for a delivery failure, the Message-IDs its report names (the desk's mail that bounced)
 */
record InboundEmail(String fromAddress, String fromName, String subject, String body, String messageId,
                    List<String> threadIds, AutomatedMail automated, List<String> reportedIds) {

    private static final Pattern REPORTED_ID = Pattern.compile("(?im)^\\s*Message-ID:\\s*(<[^<>\\s]{1,900}>)");

    /** The Message-IDs named on {@code Message-ID:} lines of a delivery report's text (its copy of the bounced mail). */
    static List<String> reportedIds(String reportText) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (reportText != null) {
            Matcher m = REPORTED_ID.matcher(reportText);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return List.copyOf(ids);
    }

    private static final Pattern ID = Pattern.compile("<[^<>\\s]{1,900}>");

    /** The {@code <...>} ids in a header value, in order. */
    static List<String> ids(String headerValue) {
        List<String> ids = new ArrayList<>();
        if (headerValue == null) {
            return ids;
        }
        Matcher m = ID.matcher(headerValue);
        while (m.find()) {
            ids.add(m.group());
        }
        if (ids.isEmpty() && !headerValue.isBlank() && !headerValue.trim().contains(" ") && headerValue.trim().length() < 900) {
            ids.add("<" + headerValue.trim() + ">"); // some providers hand the id without its brackets
        }
        return ids;
    }

    static String messageIdOf(String headerValue) {
        List<String> ids = ids(headerValue);
        return ids.isEmpty() ? null : ids.get(0);
    }

    static List<String> threadIds(String inReplyTo, String references) {
        LinkedHashSet<String> all = new LinkedHashSet<>(ids(inReplyTo));
        List<String> refs = ids(references);
        for (int i = refs.size() - 1; i >= 0; i--) {
            all.add(refs.get(i)); // the newest reference first
        }
        return List.copyOf(all);
    }

    static String normaliseAddress(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }
}
