package com.penguinmails.hub.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.penguinmails.hub.webhook.OutboundTenant.retries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast deliveries go out: an endpoint's own rate limit (shared by every node through PostgreSQL)
 * and the receiver's {@code Retry-After}. Assertions are on the attempt times the hub records, not on
 * how long the test took.
 */
class DeliveryPacingIntegrationTests extends OutboundTenantTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    String tenantName() {
        return "Pacing";
    }

    private static List<Instant> attemptTimes(JsonNode message) {
        List<Instant> times = new ArrayList<>();
        message.get("attemptLog").forEach(a -> times.add(Instant.parse(a.get("attemptedAt").asString())));
        return times;
    }

    @Test
    void anEndpointLimitedToNPerSecondGetsNoMoreAndEveryMessageArrivesWithOneAttempt() {
        int perSecond = 4;
        int queued = 24;
        WebhookReceiver receiver = receiver((r, attempt) -> 200);
        OutboundTenant.Endpoint limited = tenant.endpoint(receiver.url(), List.of("webhook.test"),
                Map.of("rateLimitPerSecond", perSecond));
        tenant.publish("webhook.test", queued);

        await().atMost(WAIT).until(() -> receiver.accepted().size() == queued);
        await().atMost(WAIT).until(() -> tenant.messages(limited, "?state=delivered&limit=200").size() == queued);
        JsonNode messages = tenant.messages(limited, "?limit=200");
        List<Instant> sent = new ArrayList<>();
        for (JsonNode message : messages) {
            // waiting for a permit is not an attempt: each message was tried exactly once, and it worked
            assertThat(message.get("attempts").asInt()).isEqualTo(1);
            assertThat(message.get("attemptLog").size()).isEqualTo(1);
            sent.addAll(attemptTimes(message));
        }
        assertThat(receiver.requests()).hasSize(queued);
        sent.sort(null);
        // the bucket holds N permits and refills N per second: any one-second window sees at most 2N
        // (+1 for the millisecond between taking a permit and recording the attempt's start)
        for (int i = 0; i < sent.size(); i++) {
            Instant end = sent.get(i).plusSeconds(1);
            long inWindow = sent.stream().skip(i).filter(t -> t.isBefore(end)).count();
            assertThat(inWindow).as("attempts in the second from " + sent.get(i)).isLessThanOrEqualTo(2L * perSecond + 1);
        }
        // after the first N, the others came at N per second: 20 more take at least 5 s
        Duration span = Duration.between(sent.get(0), sent.get(sent.size() - 1));
        assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis((queued - perSecond) * 1000L / perSecond - 300));
    }

    @Test
    void retryAfterOn429And503PutsTheNextAttemptNoEarlierThanAsked() {
        WebhookReceiver busy = receiver((r, attempt) -> attempt == 1 ? 429 : 200);
        WebhookReceiver unavailable = receiver((r, attempt) -> attempt == 1 ? 503 : 200);
        busy.replyHeaders(Map.of("Retry-After", "2"));
        unavailable.replyHeaders(Map.of("Retry-After", "3"));
        // the endpoint's own schedule would retry after 50 ms; Retry-After asks for more
        OutboundTenant.Endpoint first = tenant.endpoint(busy.url(), List.of("webhook.test"),
                retries("0s", "50ms", "50ms"));
        OutboundTenant.Endpoint second = tenant.endpoint(unavailable.url(), List.of("webhook.test"),
                retries("0s", "50ms", "50ms"));
        tenant.publish("webhook.test", 1);

        for (var pair : List.of(Map.entry(first, 2), Map.entry(second, 3))) {
            OutboundTenant.Endpoint endpoint = pair.getKey();
            int seconds = pair.getValue();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> tenant.messages(endpoint, "").get(0).get("attempts").asInt() >= 1);
            JsonNode waiting = tenant.messages(endpoint, "").get(0);
            assertThat(waiting.get("state").asString()).isEqualTo("pending");
            Instant tried = attemptTimes(waiting).get(0);
            assertThat(Instant.parse(waiting.get("nextAttemptAt").asString()))
                    .isAfterOrEqualTo(tried.plusSeconds(seconds));
        }
        await().atMost(WAIT).until(() -> busy.accepted().size() == 1 && unavailable.accepted().size() == 1);
        for (var pair : List.of(Map.entry(first, 2), Map.entry(second, 3))) {
            await().atMost(WAIT).until(() -> tenant.messages(pair.getKey(), "?state=delivered").size() == 1);
            JsonNode delivered = tenant.messages(pair.getKey(), "").get(0);
            List<Instant> tried = attemptTimes(delivered);
            assertThat(tried).hasSize(2);
            assertThat(tried.get(1)).isAfterOrEqualTo(tried.get(0).plusSeconds(pair.getValue()));
            assertThat(delivered.get("attemptLog").get(0).get("status").asInt()).isIn(429, 503);
        }
    }

    @Test
    void aRetryAfterLongerThanTheMaximumIsCutToIt() {
        WebhookReceiver busy = receiver((r, attempt) -> 429);
        busy.replyHeaders(Map.of("Retry-After", Long.toString(Duration.ofDays(365).toSeconds())));
        OutboundTenant.Endpoint endpoint = tenant.endpoint(busy.url(), List.of("webhook.test"),
                retries("0s", "50ms", "50ms"));
        tenant.publish("webhook.test", 1);

        await().atMost(WAIT).until(() -> tenant.messages(endpoint, "").get(0).get("attempts").asInt() == 1);
        JsonNode waiting = tenant.messages(endpoint, "").get(0);
        assertThat(waiting.get("state").asString()).isEqualTo("pending");
        Instant tried = attemptTimes(waiting).get(0);
        Instant next = Instant.parse(waiting.get("nextAttemptAt").asString());
        // hub.webhook.outbound.max-retry-after is 1d: a year is cut to a day (plus the attempt's own duration)
        assertThat(next).isAfterOrEqualTo(tried.plus(Duration.ofDays(1)))
                .isBefore(tried.plus(Duration.ofDays(1)).plusSeconds(30));
        assertThat(busy.requests()).hasSize(1);
    }
}
