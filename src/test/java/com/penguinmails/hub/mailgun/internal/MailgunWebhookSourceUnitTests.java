package com.penguinmails.hub.mailgun.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.webhook.InboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunWebhookSourceUnitTests {

    private final MailgunWebhookSource source = new MailgunWebhookSource(JsonMapper.builder().build(), Duration.ofMinutes(5));

    private static InboundRequest body(String timestamp, String token, String signature) {
        String json = """
                {"signature":{"timestamp":"%s","token":"%s","signature":"%s"},
                 "event-data":{"event":"delivered","id":"hK7mQVt1QtqRiOfQXta4sw","timestamp":1529692199.626182}}"""
                .formatted(timestamp, token, signature);
        return new InboundRequest(json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void acceptsThePublishedVectorWithinItsReplayWindow() {
        InboundRequest request = body("1534108637", "651869375b9df3c98fc15c4889b102119add1235c38fc92824",
                "2a75affe24846ead9e37e614a5e7643a04abf4d5b49b34d224ede9af23a00ccc");
        Map<String, String> secrets = Map.of("webhookSigningKey", "TEST_WEBHOOK_SIGNING_KEY");

        assertThat(source.verify(request, secrets, Map.of(), Instant.ofEpochSecond(1534108637 + 60))).isTrue();
        assertThat(source.verify(request, secrets, Map.of(), Instant.ofEpochSecond(1534108637 + 301))).isFalse();
        assertThat(source.verify(request, Map.of("webhookSigningKey", "another key"), Map.of(),
                Instant.ofEpochSecond(1534108637))).isFalse();
        assertThat(source.verify(body("1534108637", "651869375b9df3c98fc15c4889b102119add1235c38fc92825",
                "2a75affe24846ead9e37e614a5e7643a04abf4d5b49b34d224ede9af23a00ccc"), secrets, Map.of(),
                Instant.ofEpochSecond(1534108637))).isFalse();
    }

    @Test
    void anEventIsKeyedByItsIdAndTimestamp() {
        var events = source.parse(body("1", "t", "s"), Map.of());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo("delivered");
        assertThat(events.get(0).dedupKey()).isEqualTo("hK7mQVt1QtqRiOfQXta4sw:1529692199.626182");
        assertThat(events.get(0).occurredAt()).isEqualTo(Instant.parse("2018-06-22T18:29:59.626182Z"));
    }

    @Test
    void aTimestampBeyondYear9999OrBeforeTheEpochIsMalformedNotACrash() {
        for (String timestamp : List.of("9223372036854775807", "1e30", "253402300800", "-1")) {
            InboundRequest request = new InboundRequest("""
                    {"event-data":{"event":"delivered","id":"x","timestamp":%s}}""".formatted(timestamp)
                    .getBytes(StandardCharsets.UTF_8), Map.of());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.parse(request, Map.of()))
                    .as(timestamp).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesWhatIsNotAMailgunWebhook() {
        InboundRequest notJson = new InboundRequest("not json".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(source.verify(notJson, Map.of("webhookSigningKey", "k"), Map.of(), Instant.now())).isFalse();
        for (String body : List.of("{}", "{\"event-data\":{}}", "[1]")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.parse(
                    new InboundRequest(body.getBytes(StandardCharsets.UTF_8), Map.of()), Map.of()))
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
