package com.penguinmails.hub.stripe.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.webhook.InboundRequest;
import com.penguinmails.hub.webhook.ParsedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hub's {@code Stripe-Signature} check against headers made with stripe-java's own HMAC helper
 * ({@link Webhook.Util#computeHmacSha256}), so the two implementations are independent.
 */
class StripeWebhookSourceUnitTests {

    private static final String SECRET = "whsec_test_secret";
    private static final String PAYLOAD = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";

    private final StripeWebhookSource source = new StripeWebhookSource(JsonMapper.builder().build(),
            new StripeProperties(URI.create("https://api.stripe.com"), null, null, Duration.ofSeconds(300),
                    BigDecimal.ZERO, Duration.ofSeconds(20)));

    private static String v1(String secret, long t, String payload) throws Exception {
        return Webhook.Util.computeHmacSha256(secret, t + "." + payload);
    }

    private static InboundRequest request(String payload, String header) {
        return new InboundRequest(payload.getBytes(StandardCharsets.UTF_8), Map.of("stripe-signature", List.of(header)));
    }

    private boolean verify(String payload, String header, Map<String, String> secrets, Instant now) {
        return source.verify(request(payload, header), secrets, Map.of(), now);
    }

    @Test
    void acceptsTheComputedVectorOfProvidersMd() {
        String header = "t=12345,v1=2672d138c9a412830f3bfe2ecc5bfb3277cf6f5b49d0119d77dd6cb64da1257e";
        assertThat(verify(PAYLOAD, header, Map.of("webhookSecret", SECRET), Instant.ofEpochSecond(12345))).isTrue();
        assertThat(verify(PAYLOAD, header + ",v1=bad_signature", Map.of("webhookSecret", SECRET),
                Instant.ofEpochSecond(12400))).isTrue();
    }

    @Test
    void acceptsAHeaderSignedByStripeJavaAndRefusesStaleTamperedAndForeignOnes() throws Exception {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        long t = now.getEpochSecond() - 10;
        String header = "t=" + t + ",v1=" + v1(SECRET, t, PAYLOAD) + ",v0=" + v1("whsec_other", t, PAYLOAD);
        Map<String, String> secrets = Map.of("webhookSecret", SECRET);

        assertThat(verify(PAYLOAD, header, secrets, now)).isTrue();
        assertThat(verify(PAYLOAD, header, secrets, now.plusSeconds(301))).as("stale").isFalse();
        assertThat(verify(PAYLOAD, header, secrets, now.minusSeconds(320))).as("from the future").isFalse();
        assertThat(verify(PAYLOAD.replace("evt_test", "evt_TEST"), header, secrets, now)).as("tampered").isFalse();
        assertThat(verify(PAYLOAD, header, Map.of("webhookSecret", "whsec_wrong"), now)).as("wrong secret").isFalse();
        assertThat(verify(PAYLOAD, "t=" + t + ",v0=" + v1(SECRET, t, PAYLOAD), secrets, now)).as("v0 only").isFalse();
        assertThat(verify(PAYLOAD, "v1=" + v1(SECRET, t, PAYLOAD), secrets, now)).as("no t").isFalse();
        assertThat(verify(PAYLOAD, "t=abc,v1=" + v1(SECRET, t, PAYLOAD), secrets, now)).as("bad t").isFalse();
        assertThat(verify(PAYLOAD, header, Map.of(), now)).as("no secret").isFalse();
        assertThat(source.verify(new InboundRequest(PAYLOAD.getBytes(StandardCharsets.UTF_8), Map.of()), secrets,
                Map.of(), now)).as("no header").isFalse();
    }

    @Test
    void duringARotationEitherSecretAndAnyOfSeveralV1SignaturesWork() throws Exception {
        Instant now = Instant.now();
        long t = now.getEpochSecond();
        String oldSecret = "whsec_oldOldOld";
        String newSecret = "whsec_newNewNew";
        Map<String, String> integration = Map.of("webhookSecrets", "[\"" + oldSecret + "\",\"" + newSecret + "\"]",
                "secretKey", "sk_test_notAWebhookSecret");
        Map<String, String> platform = Map.of("webhookSecret", newSecret, "previousWebhookSecret", oldSecret);

        for (Map<String, String> secrets : List.of(integration, platform)) {
            assertThat(verify(PAYLOAD, "t=" + t + ",v1=" + v1(newSecret, t, PAYLOAD), secrets, now)).isTrue();
            assertThat(verify(PAYLOAD, "t=" + t + ",v1=" + v1(oldSecret, t, PAYLOAD), secrets, now)).isTrue();
            assertThat(verify(PAYLOAD, "t=" + t + ",v1=" + v1("whsec_unknown", t, PAYLOAD) + ",v1="
                    + v1(oldSecret, t, PAYLOAD), secrets, now)).isTrue();
            assertThat(verify(PAYLOAD, "t=" + t + ",v1=" + v1("sk_test_notAWebhookSecret", t, PAYLOAD), secrets, now))
                    .as("the API key is not a webhook secret").isFalse();
        }
    }

    @Test
    void verifiesTheExactBytesNotAReSerialisation() throws Exception {
        Instant now = Instant.now();
        long t = now.getEpochSecond();
        String spaced = "{\"id\":\"evt_1\", \"object\":\"event\",\"type\":\"account.updated\",\"created\":1,\"data\":{\"object\":{}}}";
        String header = "t=" + t + ",v1=" + v1(SECRET, t, spaced);
        assertThat(verify(spaced, header, Map.of("webhookSecret", SECRET), now)).isTrue();
        assertThat(verify(spaced.replace(", ", ","), header, Map.of("webhookSecret", SECRET), now)).isFalse();
    }

    @Test
    void parsesAV1EventKeyedByItsIdAndRefusesOtherShapes() {
        String event = "{\"id\":\"evt_123\",\"object\":\"event\",\"type\":\"invoice.payment_failed\",\"created\":1700000000,"
                + "\"account\":\"acct_1\",\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\"}}}";
        List<ParsedEvent> parsed = source.parse(request(event, ""), Map.of());
        assertThat(parsed).singleElement().satisfies(p -> {
            assertThat(p.dedupKey()).isEqualTo("evt_123");
            assertThat(p.type()).isEqualTo("invoice.payment_failed");
            assertThat(p.occurredAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        });
        assertThatThrownBy(() -> source.parse(request("{\"id\":\"evt_1\",\"object\":\"v2.core.event\"}", ""), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.parse(request("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x.y\"}", ""),
                Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
