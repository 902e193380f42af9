package com.penguinmails.hub.platform.database;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 7 UUIDs (RFC 9562, section 5.7): 48 bits of Unix milliseconds, the version, 12 random bits,
 * the variant and 62 random bits. Rows keyed by ids made in time order land at the right edge of their
 * primary-key index instead of on a random page of it. The random bits only keep ids apart (74 bits per
 * millisecond); they are not secrets, so they come from the thread's fast generator, not from a
 * cryptographic one. The same layout as the database's {@code hub_time_ordered_uuid(timestamptz)} (V45).
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /** A new id for something that happened at {@code at} (only its milliseconds count). */
    public static UUID at(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = at.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
