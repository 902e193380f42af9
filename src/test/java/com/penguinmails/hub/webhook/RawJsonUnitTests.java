package com.penguinmails.hub.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RawJsonUnitTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void arrayElementsKeepTheirExactTextAndTheirTrees() {
        List<RawJson.Value> elements = RawJson.arrayElements(json,
                utf8(" [ {\"event\" : \"delivered\", \"n\": 1.50},\n{\"event\":\"open\u00e9\",\"x\":[1, 2]} , 7,\"s\" ] "));

        assertThat(elements).extracting(RawJson.Value::raw)
                .containsExactly("{\"event\" : \"delivered\", \"n\": 1.50}", "{\"event\":\"open\u00e9\",\"x\":[1, 2]}", "7",
                        "\"s\"");
        assertThat(elements.get(0).node().get("n").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(elements.get(1).node().get("event").asString()).isEqualTo("open\u00e9");
        assertThat(elements.get(2).node().asInt()).isEqualTo(7);
    }

    @Test
    void objectFieldsKeepTheirExactTextAndTheLastOfARepeatedName() {
        Map<String, RawJson.Value> fields = RawJson.objectFields(json,
                utf8("{\"signature\": {\"token\":\"t\"}, \"event-data\" :{ \"id\": \"a\" },\"signature\":{\"token\":\"u\"}}"));

        assertThat(fields).containsOnlyKeys("signature", "event-data");
        assertThat(fields.get("event-data").raw()).isEqualTo("{ \"id\": \"a\" }");
        assertThat(fields.get("signature").node().get("token").asString()).isEqualTo("u");
    }

    @Test
    void whatIsNotOneValueOfTheExpectedKindIsRefused() {
        assertThatThrownBy(() -> RawJson.arrayElements(json, utf8("{\"a\":1}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJson.arrayElements(json, utf8("[1,2] [3]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJson.arrayElements(json, utf8("[1,2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJson.arrayElements(json, utf8(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJson.objectFields(json, utf8("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJson.objectFields(json, utf8("{\"a\":1} x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJson.objectFields(json, utf8("{\"a\":"))).isInstanceOf(IllegalArgumentException.class);
    }
}
