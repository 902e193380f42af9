package com.penguinmails.hub.support.internal;

import java.util.Arrays;

/**
 * The guide's migration from email support to tickets, as one setting. What each mode changes is in
 * the README (support button, routing, inbound email).
 */
enum MigrationMode {
    EMAIL_ONLY, PARALLEL, TICKETS_FIRST, TICKETS_ONLY;

    String value() {
        return name().toLowerCase();
    }

    static MigrationMode parse(String value) {
        return Arrays.stream(values()).filter(m -> m.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "migration mode must be one of email_only, parallel, tickets_first, tickets_only: " + value));
    }

    /** Whether the support button still offers the pre-filled email. */
    boolean offersEmail() {
        return this != TICKETS_ONLY;
    }

    /** Whether the desk takes tickets at all. */
    boolean takesTickets() {
        return this != EMAIL_ONLY;
    }
}
