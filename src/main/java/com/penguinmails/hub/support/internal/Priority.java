package com.penguinmails.hub.support.internal;

import java.util.Arrays;
import java.util.Optional;

/** A ticket's priority. */
enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    String value() {
        return name().toLowerCase();
    }

    static Optional<Priority> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.value().equals(value)).findFirst();
    }
}
