package com.penguinmails.hub.webhook;

import java.time.Duration;
import java.time.Instant;

/** The replay window: a signed Unix timestamp (seconds, or milliseconds) close enough to now, either way. */
public final class Freshness {

    private Freshness() {
    }

    public static boolean within(String unixTimestamp, Instant now, Duration window) {
        try {
            long value = Long.parseLong(unixTimestamp.strip());
            Instant at = value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            return Duration.between(at, now).abs().compareTo(window) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
