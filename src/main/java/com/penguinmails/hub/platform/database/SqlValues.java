package com.penguinmails.hub.platform.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Conversions between Java values and PostgreSQL columns: {@code timestamptz} and {@code jsonb}. */
@Component
public class SqlValues {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    SqlValues(JsonMapper json) {
        this.json = json;
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Microseconds since the Unix epoch (PostgreSQL's precision), for {@code hub_epoch_micros(bigint)}; null stays null. */
    public static Long epochMicros(Instant instant) {
        return instant == null ? null
                : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * Keys for a {@code cast(:param as uuid[])} parameter. An array keeps one statement text for any number
     * of keys, where {@code in (:list)} expands to a new text (parsed and planned anew) for each count.
     */
    public static String[] uuids(java.util.Collection<java.util.UUID> ids) {
        return ids.stream().map(java.util.UUID::toString).toArray(String[]::new);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Serialises a value for a {@code cast(:param as jsonb)} parameter. */
    public String jsonb(Object value) {
        return json.writeValueAsString(value == null ? Map.of() : value);
    }

    public Map<String, Object> jsonbMap(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? Map.of() : json.readValue(text, MAP);
    }
}
