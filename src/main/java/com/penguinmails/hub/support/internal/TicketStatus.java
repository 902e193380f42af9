package com.penguinmails.hub.support.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's status and the moves allowed from it. {@code closed} is final: a customer writing to a
 * closed ticket opens a follow-up ticket. The SLA clock stops in {@code pending}, {@code on_hold} and
 * {@code solved}.
 */
enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

    String value() {
        return name().toLowerCase();
    }

    static Optional<TicketStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED, CLOSED);
            case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED, CLOSED);
            case PENDING -> EnumSet.of(OPEN, ON_HOLD, SOLVED, CLOSED);
            case ON_HOLD -> EnumSet.of(OPEN, PENDING, SOLVED, CLOSED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }

    /** Whether the SLA clock is stopped in this status. */
    boolean clockStopped() {
        return this == PENDING || this == ON_HOLD || this == SOLVED || this == CLOSED;
    }
}
