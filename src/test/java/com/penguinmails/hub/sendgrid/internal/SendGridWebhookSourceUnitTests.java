package com.penguinmails.hub.sendgrid.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.webhook.InboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** SendGrid's official test vector A (docs/PROVIDERS.md §2.3), verified on the exact bytes. */
class SendGridWebhookSourceUnitTests {

    static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    static final String SIGNATURE = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    static final String TIMESTAMP = "1600112502";
    static final String PAYLOAD = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    private final SendGridWebhookSource source = new SendGridWebhookSource(JsonMapper.builder().build(), Duration.ofMinutes(5));
    private final Instant then = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP) + 10);

    private static InboundRequest request(String payload, String signature, String timestamp) {
        return new InboundRequest(payload.getBytes(StandardCharsets.UTF_8), Map.of(
                "x-twilio-email-event-webhook-signature", List.of(signature),
                "x-twilio-email-event-webhook-timestamp", List.of(timestamp)));
    }

    @Test
    void theOfficialVectorVerifies() {
        assertThat(source.verify(request(PAYLOAD, SIGNATURE, TIMESTAMP), Map.of(),
                Map.of("eventWebhookPublicKey", PUBLIC_KEY), then)).isTrue();
    }

    @Test
    void theOfficialNegativeCasesFail() {
        Map<String, Object> key = Map.of("eventWebhookPublicKey", PUBLIC_KEY);
        Map<String, Object> badKey = Map.of("eventWebhookPublicKey",
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==");
        assertThat(source.verify(request(PAYLOAD, SIGNATURE, TIMESTAMP), Map.of(), badKey, then)).isFalse();
        assertThat(source.verify(request("payload", SIGNATURE, TIMESTAMP), Map.of(), key, then)).isFalse();
        assertThat(source.verify(request(PAYLOAD.strip(), SIGNATURE, TIMESTAMP), Map.of(), key, then))
                .as("without the trailing CR LF").isFalse();
        assertThat(source.verify(request(PAYLOAD, "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH3j/0=",
                TIMESTAMP), Map.of(), key, then)).isFalse();
        assertThat(source.verify(request(PAYLOAD, SIGNATURE, "timestamp"), Map.of(), key, then)).isFalse();
        assertThat(source.verify(request(PAYLOAD, SIGNATURE, TIMESTAMP), Map.of(), key,
                then.plus(Duration.ofMinutes(10)))).as("stale").isFalse();
    }

    @Test
    void aBatchSplitsIntoEventsKeyedBySgEventId() {
        var events = source.parse(request(PAYLOAD, SIGNATURE, TIMESTAMP), Map.of());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("dropped");
            assertThat(e.dedupKey()).isEqualTo("ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA");
            assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(1600112492));
        });
    }
}
