package com.penguinmails.hub.support.internal;

import java.util.Locale;
import java.util.function.Function;

/**
 * Whether an inbound email was sent by a machine rather than a person (RFC 3834): a desk that answers such
 * mail automatically starts loops (bounce → ticket → confirmation → bounce …). Read from the headers every
 * inbound route carries.
 */
enum AutomatedMail {

    /** Written by a person: the desk may confirm it. */
    PERSONAL,
    /**
     * An automatic answer: {@code Auto-Submitted} other than {@code no}, {@code X-Autoreply}, {@code X-Autorespond},
     * or {@code X-Auto-Response-Suppress} (Microsoft's request that nothing answer it automatically).
     */
    AUTO_REPLY,
    /** Bulk or list mail: {@code Precedence: bulk|junk|list}, {@code List-Id}, {@code List-Unsubscribe}. */
    BULK,
    /**
     * A delivery failure: a {@code multipart/report} body, an empty return path ({@code Return-Path: <>}, RFC 5321's
     * null sender of notifications), or a sender such as {@code MAILER-DAEMON} or {@code postmaster}.
     */
    BOUNCE;

    /** Whether the desk may send an automatic reply (a confirmation) to this email. */
    boolean mayBeAnsweredAutomatically() {
        return this == PERSONAL;
    }

    /**
     * @param header   a header's value by name (case-insensitive), null when absent
     * @param mimeType the message's top-level content type, lower case (null when unknown)
     * @param from     the sender's address
     */
    static AutomatedMail of(Function<String, String> header, String mimeType, String from) {
        String local = from == null ? "" : from.substring(0, Math.max(0, from.indexOf('@'))).toLowerCase(Locale.ROOT);
        String returnPath = header.apply("Return-Path");
        if ("multipart/report".equals(mimeType) || (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>"))
                || local.equals("mailer-daemon") || local.equals("postmaster")) {
            return BOUNCE;
        }
        String autoSubmitted = header.apply("Auto-Submitted");
        if ((autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no"))
                || present(header.apply("X-Autoreply")) || present(header.apply("X-Autorespond"))
                || present(header.apply("X-Auto-Response-Suppress"))) {
            return AUTO_REPLY;
        }
        String precedence = header.apply("Precedence");
        if ((precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list"))
                || present(header.apply("List-Id")) || present(header.apply("List-Unsubscribe"))) {
            return BULK;
        }
        return PERSONAL;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
