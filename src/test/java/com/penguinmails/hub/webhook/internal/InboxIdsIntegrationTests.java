package com.penguinmails.hub.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

/**
 * V44 passes an event's times as microseconds since the Unix epoch ({@code hub_epoch_micros}), and V45 gives events stored before V38 (random ids) time-ordered ids made from their arrival time, with the
 * database's {@code hub_time_ordered_uuid(timestamptz)}: the same layout as the ids the hub makes itself.
 */
class InboxIdsIntegrationTests extends HubIntegrationTest {

    @Test
    void theDatabaseMakesAnEventsIdFromItsArrivalAsTheHubDoes() throws Exception {
        Instant arrival = Instant.parse("2025-03-04T05:06:07.891234Z");
        try (Connection db = TestDatabase.asOwner();
             PreparedStatement statement = db.prepareStatement("select hub_time_ordered_uuid(?), hub_time_ordered_uuid(?)")) {
            statement.setObject(1, OffsetDateTime.ofInstant(arrival, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(arrival.plusMillis(1), ZoneOffset.UTC));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                UUID id = rs.getObject(1, UUID.class);
                UUID later = rs.getObject(2, UUID.class);
                assertThat(id.version()).isEqualTo(7);
                assertThat(id.variant()).isEqualTo(2);
                assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(arrival.toEpochMilli());
                assertThat(id.getMostSignificantBits() >>> 16)
                        .isEqualTo(com.penguinmails.hub.platform.database.TimeOrderedIds.at(arrival).getMostSignificantBits() >>> 16);
                assertThat(Long.compareUnsigned(id.getMostSignificantBits(), later.getMostSignificantBits())).isNegative();
            }
        }
    }

    @Test
    void timesPassedAsMicrosecondsComeBackToTheMicrosecond() throws Exception {
        for (Instant time : java.util.List.of(Instant.parse("2026-12-07T18:45:12.345678Z"),
                Instant.parse("1969-07-20T20:17:40.000001Z"), Instant.EPOCH)) {
            try (Connection db = TestDatabase.asOwner();
                 PreparedStatement statement = db.prepareStatement("select hub_epoch_micros(?)")) {
                statement.setObject(1, com.penguinmails.hub.platform.database.SqlValues.epochMicros(time));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(time);
                }
            }
        }
    }
}
