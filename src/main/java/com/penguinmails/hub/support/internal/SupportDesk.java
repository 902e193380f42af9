package com.penguinmails.hub.support.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Constants of the desk: the platform pseudo-tenant and ticket references ({@code TKT-000123}). */
final class SupportDesk {

    /**
     * The tenant of tickets whose sender has no account: the platform pseudo-tenant (no user is a
     * member, so only staff see its tickets).
     */
    static final UUID PLATFORM_TENANT = new UUID(0, 0);

    private static final Pattern TOKEN = Pattern.compile("\\[TKT-(\\d{1,12})]", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile("TKT-(\\d{1,12})", Pattern.CASE_INSENSITIVE);

    private SupportDesk() {
    }

    static String reference(long number) {
        return String.format("TKT-%06d", number);
    }

    /** The number of the first {@code [TKT-n]} token in a subject. */
    static Optional<Long> tokenIn(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(subject);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** {@code TKT-000123} or {@code 123}. */
    static Optional<Long> parseReference(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        Matcher m = REFERENCE.matcher(v);
        if (m.matches()) {
            return Optional.of(Long.parseLong(m.group(1)));
        }
        return v.matches("\\d{1,12}") ? Optional.of(Long.parseLong(v)) : Optional.empty();
    }
}
