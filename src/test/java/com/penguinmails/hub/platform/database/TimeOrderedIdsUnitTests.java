package com.penguinmails.hub.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsUnitTests {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        Instant at = Instant.parse("2026-12-07T18:45:12.345678Z");
        UUID id = TimeOrderedIds.at(at);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562's variant (binary 10)
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        // the textual form starts with the 48-bit millisecond count in hex
        assertThat(id.toString().replace("-", "")).startsWith(String.format("%012x", at.toEpochMilli()));
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAndIdsOfOneMillisecondDiffer() {
        Instant at = Instant.parse("2026-12-07T18:45:12.345Z");
        Set<UUID> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(TimeOrderedIds.at(at));
        }
        assertThat(sameMillisecond).hasSize(10_000);
        UUID later = TimeOrderedIds.at(at.plusMillis(1));
        // PostgreSQL orders uuids by their bytes, which is the unsigned order of the two halves
        assertThat(sameMillisecond).allSatisfy(id ->
                assertThat(Long.compareUnsigned(id.getMostSignificantBits(), later.getMostSignificantBits())).isNegative());
    }
}
