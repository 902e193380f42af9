package com.penguinmails.hub.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.webhook.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

class StandardWebhooksUnitTests {

    // the Standard Webhooks reference libraries' vector (docs/PROVIDERS.md section 7)
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void theSignerReproducesThePublishedVector() {
        assertThat(StandardWebhooks.sign(SECRET, ID, TIMESTAMP, PAYLOAD.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void theTestsIndependentVerifierAcceptsThePublishedVectorAndNothingElse() {
        Instant then = Instant.ofEpochSecond(TIMESTAMP);
        assertThat(WebhookReceiver.verifies(SECRET, ID, "1614265330", PAYLOAD, SIGNATURE, then)).isTrue();
        assertThat(WebhookReceiver.verifies(SECRET, ID, "1614265330", PAYLOAD, "v1,bm9wZQ== " + SIGNATURE, then)).isTrue();
        assertThat(WebhookReceiver.verifies(SECRET, ID, "1614265330", PAYLOAD + " ", SIGNATURE, then)).isFalse();
        assertThat(WebhookReceiver.verifies(SECRET, ID, "1614265331", PAYLOAD, SIGNATURE, then)).isFalse();
        assertThat(WebhookReceiver.verifies(SECRET, "msg_other", "1614265330", PAYLOAD, SIGNATURE, then)).isFalse();
        assertThat(WebhookReceiver.verifies(SECRET, ID, "1614265330", PAYLOAD, SIGNATURE.replace("v1,", "v1a,"), then))
                .isFalse();
        assertThat(WebhookReceiver.verifies(SECRET, ID, "1614265330", PAYLOAD, SIGNATURE, then.plusSeconds(301)))
                .isFalse();
    }

    @Test
    void secretsAreWhsecAndAtLeast24RandomBytes() {
        String secret = StandardWebhooks.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(StandardWebhooks.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void retryDecisions() {
        assertThat(Delivering.retryable(null, false)).isTrue();
        assertThat(Delivering.retryable(500, false)).isTrue();
        assertThat(Delivering.retryable(429, false)).isTrue();
        assertThat(Delivering.retryable(400, false)).isFalse();
        assertThat(Delivering.retryable(400, true)).isTrue();
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        assertThat(Delivering.retryAfter(Optional.of("120"), now)).contains(Duration.ofSeconds(120));
        assertThat(Delivering.retryAfter(Optional.of("Thu, 26 Nov 2026 12:01:00 GMT"), now)).contains(Duration.ofSeconds(60));
        assertThat(Delivering.retryAfter(Optional.of("soon"), now)).isEmpty();
    }

    @RepeatedTest(20)
    void delaysVaryByAtMostTwentyPercent() {
        Duration delay = Delivering.jittered(Duration.ofMinutes(5), 0.2);
        assertThat(delay).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        assertThat(Delivering.jittered(Duration.ZERO, 0.2)).isZero();
    }
}
