package com.penguinmails.hub.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a webhook body as parsed trees together with their exact text as received, read in
 * one pass: a source stores an event's own bytes instead of serialising its tree again.
 */
public final class RawJson {

    /** A JSON value and its text exactly as it appears in the body. */
    public record Value(JsonNode node, String raw) {
    }

    private RawJson() {
    }

    /**
     * The elements of a body that is one JSON array.
     *
     * @throws IllegalArgumentException when the body is not a single JSON array
     */
    public static List<Value> arrayElements(JsonMapper json, byte[] body) {
        ObjectReader reader = values(json);
        try (JsonParser parser = reader.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_ARRAY);
            List<Value> elements = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new IllegalArgumentException("the array is not closed");
                }
                elements.add(value(reader, parser, body));
            }
            expectEnd(parser);
            return elements;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The top-level fields of a body that is one JSON object (a repeated name keeps its last value,
     * as Jackson's trees do).
     *
     * @throws IllegalArgumentException when the body is not a single JSON object
     */
    public static Map<String, Value> objectFields(JsonMapper json, byte[] body) {
        ObjectReader reader = values(json);
        try (JsonParser parser = reader.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            Map<String, Value> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, value(reader, parser, body));
            }
            expectEnd(parser);
            return fields;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value whose first token the parser is on; leaves the parser on its last token. */
    private static Value value(ObjectReader reader, JsonParser parser, byte[] body) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        JsonNode node = reader.readTree(parser);
        int end = (int) parser.currentLocation().getByteOffset();
        return new Value(node, new String(body, start, end - start, StandardCharsets.UTF_8));
    }

    /** A reader of one value among others: what follows it is the caller's to check. */
    private static ObjectReader values(JsonMapper json) {
        return json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static void expect(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new IllegalArgumentException("expected " + expected + " but the body starts with " + token);
        }
    }

    private static void expectEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new IllegalArgumentException("content after the JSON value");
        }
    }
}
