package com.penguinmails.hub.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * jqwik generators of what a hostile or broken client sends: random JSON values (awkward text,
 * NUL and lone surrogates, huge and fractional numbers, deep structures), and mutations of a valid
 * body — a field dropped, nulled, retyped or added, text spliced into the bytes, the whole body
 * swapped for garbage. Mutations pick their target by index modulo the body's size, so they apply
 * to any body.
 */
final class HostileInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> AWKWARD = List.of("", " ", "Robert'); DROP TABLE tenants;--", "' OR '1'='1",
            "\u0000", "nul\u0000inside", "\ud800", "lone \udc00 low", "😀👩‍👩‍👧", "مرحبا", "e\u0301", "\u200b",
            "tab\tnew\nline\r\n", "<script>alert(1)</script>", "${jndi:ldap://x}", "%s%n%x", "../../etc/passwd",
            "http://169.254.169.254/latest/meta-data/", "x".repeat(5000), "9".repeat(400), "-1", "0", "1e400",
            "2999-01-01T00:00:00Z", "0000-00-00", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "*", "email.*", "a@b", "@", "mailgun", "sendgrid", "custom", "owner", "admin", "P9999999999D");

    /** Raw bodies that are not JSON, or JSON a strict parser should refuse or handle with care. */
    static final List<String> RAW = List.of("", "{", "}", "[", "null", "true", "0", "\"\"", "[]", "{}", "{\"a\":}",
            "{\"a\":1,\"a\":2}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":1e999999}", "{\"a\":-0}",
            "[".repeat(3000) + "]".repeat(3000), "{\"a\":" .repeat(1500) + "1" + "}".repeat(1500),
            "\u0000\u0001\u0002", "\ufeff{}", "<xml/>", "a=b&c=d", "{'single':'quotes'}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "/* c */ {}", "{\"a\":1}garbage", "\"" + "x".repeat(100_000) + "\"");

    private HostileInput() {
    }

    static Arbitrary<JsonNode> values() {
        return Arbitraries.recursive(HostileInput::scalars, HostileInput::containers, 0, 3);
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40).map(s -> (JsonNode) NODES.stringNode(s))),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(AWKWARD).map(s -> (JsonNode) NODES.stringNode(s))),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.MAX_VALUE, -0.0, 1.5, 1e-300, -1e300)
                        .map(d -> (JsonNode) NODES.numberNode(d))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(new java.math.BigDecimal("1e400"),
                        new java.math.BigDecimal("123456789012345678901234567890.5")).map(d -> (JsonNode) NODES.numberNode(d))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((JsonNode) NODES.nullNode())));
    }

    private static Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(12),
                Arbitraries.of(AWKWARD)), inner).ofMaxSize(4).map(fields -> {
                    ObjectNode node = NODES.objectNode();
                    fields.forEach(node::set);
                    return node;
                });
        return Arbitraries.oneOf(array, object);
    }

    /** One change to a body. */
    sealed interface Mutation {
    }

    record Drop(int at) implements Mutation {
    }

    record Replace(int at, JsonNode value) implements Mutation {
    }

    record AddField(int at, String name, JsonNode value) implements Mutation {
    }

    /** Text inserted at a position of the serialised body (the result is usually not JSON). */
    record Splice(int at, String text) implements Mutation {
    }

    /** The whole body replaced. */
    record Raw(String text) implements Mutation {
    }

    static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, at.map(Drop::new)),
                net.jqwik.api.Tuple.of(6, Combinators.combine(at, values()).as(Replace::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(at, Arbitraries.oneOf(Arbitraries.strings().alpha()
                        .ofMinLength(1).ofMaxLength(10), Arbitraries.of(AWKWARD)), values()).as(AddField::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(at, Arbitraries.of(",", "\"", "}", "\\", "\u0000", "[",
                        ":", "\\u", "\ud800")).as(Splice::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.oneOf(Arbitraries.of(RAW), values().map(JsonNode::toString))
                        .map(Raw::new)));
    }

    /** The body after the mutations, as the text to send. */
    static String apply(JsonNode seed, List<Mutation> mutations, java.util.function.Function<JsonNode, String> writer) {
        JsonNode body = seed.deepCopy();
        String raw = null;
        for (Mutation mutation : mutations) {
            if (mutation instanceof Raw r) {
                raw = r.text();
            } else if (mutation instanceof Splice s) {
                String text = raw != null ? raw : writer.apply(body);
                int at = text.isEmpty() ? 0 : s.at() % text.length();
                raw = text.substring(0, at) + s.text() + text.substring(at);
            } else if (mutation instanceof Drop d) {
                body = change(body, d.at(), HostileInput::remove, null);
            } else if (mutation instanceof Replace r) {
                body = change(body, r.at(), (parent, key) -> set(parent, key, r.value()), r.value());
            } else if (mutation instanceof AddField a) {
                body = add(body, a.at(), a.name(), a.value());
            }
        }
        return raw != null ? raw : writer.apply(body);
    }

    private interface Edit {
        void at(JsonNode parent, Object key);
    }

    /** Every (parent, key) position in the tree, depth first. */
    private static List<Object[]> positions(JsonNode root) {
        List<Object[]> positions = new ArrayList<>();
        collect(root, positions);
        return positions;
    }

    private static void collect(JsonNode node, List<Object[]> positions) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                positions.add(new Object[] {object, name});
                collect(object.get(name), positions);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                positions.add(new Object[] {array, i});
                collect(array.get(i), positions);
            }
        }
    }

    private static JsonNode change(JsonNode root, int at, Edit edit, JsonNode replacingRoot) {
        List<Object[]> positions = positions(root);
        if (positions.isEmpty()) {
            return replacingRoot != null ? replacingRoot : root;
        }
        Object[] position = positions.get(at % positions.size());
        edit.at((JsonNode) position[0], position[1]);
        return root;
    }

    private static JsonNode add(JsonNode root, int at, String name, JsonNode value) {
        List<JsonNode> objects = new ArrayList<>();
        if (root instanceof ObjectNode) {
            objects.add(root);
        }
        positions(root).forEach(p -> {
            JsonNode child = p[1] instanceof String s ? ((JsonNode) p[0]).get(s) : ((JsonNode) p[0]).get((Integer) p[1]);
            if (child instanceof ObjectNode) {
                objects.add(child);
            }
        });
        if (objects.isEmpty()) {
            return root;
        }
        ((ObjectNode) objects.get(at % objects.size())).set(name, value);
        return root;
    }

    private static void remove(JsonNode parent, Object key) {
        if (parent instanceof ObjectNode object) {
            object.remove((String) key);
        } else {
            ((ArrayNode) parent).remove((Integer) key);
        }
    }

    private static void set(JsonNode parent, Object key, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set((String) key, value);
        } else {
            ((ArrayNode) parent).set((Integer) key, value);
        }
    }

    static Map<String, Object> describe(List<Mutation> mutations) {
        Map<String, Object> text = new LinkedHashMap<>();
        for (int i = 0; i < mutations.size(); i++) {
            String value = mutations.get(i).toString();
            text.put("mutation " + i, value.length() > 300 ? value.substring(0, 300) + "…" : value);
        }
        return text;
    }
}
