package com.penguinmails.hub.gateway.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.InetAddress;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.integration.ResilienceSettings;
import com.penguinmails.hub.platform.net.OutboundAddressPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/** Realistic provider answers (docs/PROVIDERS.md) land in the guide's error types. */
class ErrorClassificationUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final ErrorBodies bodies = new ErrorBodies(JsonMapper.builder().build());
    private final ErrorClassification classification = new ErrorClassification(List.of(new StripeErrors(bodies),
            new MailgunErrors(bodies), new SendGridErrors(bodies), new PostHogErrors(bodies), new OAuthErrors(bodies)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private IntegrationError classify(String provider, int status, String body, Map<String, List<String>> headers) {
        return classification.ofResponse(provider, new ProviderResponse(status, HttpHeaders.of(headers, (a, b) -> true),
                body.getBytes(StandardCharsets.UTF_8), Duration.ZERO));
    }

    private IntegrationError classify(String provider, int status, String body) {
        return classify(provider, status, body, Map.of());
    }

    @Test
    void mailgunAnswers() {
        assertThat(classify("mailgun", 401, "Forbidden").type()).isEqualTo(ErrorType.AUTHENTICATION);
        IntegrationError domain = classify("mailgun", 404, "{\"message\":\"Domain not found: mg.example.com\"}");
        assertThat(domain.type()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(domain.message()).isEqualTo("Mailgun: Domain not found: mg.example.com");
        assertThat(classify("mailgun", 400, "{\"message\":\"'to' parameter is not a valid address\"}").type())
                .isEqualTo(ErrorType.DATA);
        assertThat(classify("mailgun", 413, "{\"message\":\"request too large\"}").type()).isEqualTo(ErrorType.DATA);
        IntegrationError limited = classify("mailgun", 429, "{\"message\":\"Too many requests\"}",
                Map.of("Retry-After", List.of("7")));
        assertThat(limited.type()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(classify("mailgun", 502, "").type()).isEqualTo(ErrorType.API);
    }

    @Test
    void stripeAnswers() {
        IntegrationError card = classify("stripe", 402, """
                {"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
                "message":"Your card has insufficient funds."}}""");
        assertThat(card.type()).isEqualTo(ErrorType.DATA);
        assertThat(card.message()).isEqualTo("Stripe card_declined: Your card has insufficient funds.");
        assertThat(classify("stripe", 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided: sk_test_****\"}}")
                .type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(classify("stripe", 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                + "\"message\":\"No such account: 'acct_123'\",\"param\":\"account\"}}").type()).isEqualTo(ErrorType.DATA);
        assertThat(classify("stripe", 409, "{\"error\":{\"type\":\"idempotency_error\",\"message\":\"Keys for idempotent requests can only be used with the same parameters\"}}")
                .retryable()).isFalse();
        IntegrationError api = classify("stripe", 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}");
        assertThat(api.type()).isEqualTo(ErrorType.API);
        assertThat(api.retryable()).isTrue();
        assertThat(classify("stripe", 500, "{\"error\":{\"type\":\"api_error\"}}",
                Map.of("Stripe-Should-Retry", List.of("false"))).retryable()).isFalse();
        assertThat(classify("stripe", 429, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\"}}").type())
                .isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(classify("stripe", 403, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"The provided key does not have access\"}}")
                .type()).isEqualTo(ErrorType.AUTHORIZATION);
    }

    @Test
    void sendGridAnswers() {
        IntegrationError bad = classify("sendgrid", 400, """
                {"errors":[{"message":"The to array is required for all personalization objects","field":"personalizations.0.to","help":"http://sendgrid.com/docs"}]}""");
        assertThat(bad.type()).isEqualTo(ErrorType.DATA);
        assertThat(bad.message()).contains("personalizations.0.to");
        assertThat(classify("sendgrid", 403, "{\"errors\":[{\"message\":\"The from address does not match a verified Sender Identity.\",\"field\":\"from\"}]}")
                .type()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(classify("sendgrid", 401, "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\"}]}")
                .type()).isEqualTo(ErrorType.AUTHENTICATION);
        IntegrationError limited = classify("sendgrid", 429, "{\"errors\":[{\"message\":\"too many requests\"}]}",
                Map.of("X-RateLimit-Reset", List.of(Long.toString(NOW.getEpochSecond() + 30))));
        assertThat(limited.type()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(classify("sendgrid", 400, "{\"errors\":[{\"message\":\"Maximum credits exceeded\"}]}").type())
                .isEqualTo(ErrorType.QUOTA);
    }

    @Test
    void postHogAnswers() {
        assertThat(classify("posthog", 401, "{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\",\"detail\":\"Project API key invalid.\"}")
                .type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(classify("posthog", 400, "{\"type\":\"validation_error\",\"code\":\"invalid_project\",\"detail\":\"Invalid project.\"}")
                .type()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(classify("posthog", 400, "{\"type\":\"validation_error\",\"code\":\"invalid_payload\",\"detail\":\"Malformed request data\"}")
                .type()).isEqualTo(ErrorType.DATA);
        assertThat(classify("posthog", 429, "{\"type\":\"throttled\",\"detail\":\"Request was throttled.\"}").type())
                .isEqualTo(ErrorType.RATE_LIMIT);
    }

    @Test
    void oauthAndGoogleAnswers() {
        assertThat(classify("google", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")
                .type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(classify("microsoft", 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}")
                .type()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(classify("google", 403, """
                {"error":{"code":403,"message":"Quota exceeded","errors":[{"reason":"dailyLimitExceeded"}]}}""").type())
                .isEqualTo(ErrorType.QUOTA);
        IntegrationError limited = classify("google", 403, """
                {"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"reason":"userRateLimitExceeded"}]}}""");
        assertThat(limited.type()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(limited.retryable()).isTrue();
        assertThat(classify("google", 403, """
                {"error":{"code":403,"message":"Insufficient Permission","errors":[{"reason":"insufficientPermissions"}]}}""").type())
                .isEqualTo(ErrorType.AUTHORIZATION);
    }

    @Test
    void failuresWithoutAnAnswerAreNetworkErrors() {
        assertThat(ErrorClassification.ofException("mailgun", new HttpTimeoutException("timed out")).retryable()).isTrue();
        assertThat(ErrorClassification.ofException("mailgun", new HttpConnectTimeoutException("x")).type())
                .isEqualTo(ErrorType.NETWORK);
        assertThat(ErrorClassification.neverSent(new ConnectException("refused"))).isTrue();
        assertThat(ErrorClassification.neverSent(new IOException("reset"))).isFalse();
        assertThat(ErrorClassification.ofException("x", new javax.net.ssl.SSLHandshakeException("bad cert")).retryable())
                .isFalse();
    }

    @Test
    void retryAfterReadsSecondsDatesAndRateLimitHeaders() {
        assertThat(ErrorClassification.retryAfter(HttpHeaders.of(Map.of("Retry-After",
                List.of("Thu, 26 Nov 2026 10:00:42 GMT")), (a, b) -> true), NOW)).hasValue(Duration.ofSeconds(42));
        assertThat(ErrorClassification.retryAfter(HttpHeaders.of(Map.of("RateLimit-Reset", List.of("12")),
                (a, b) -> true), NOW)).hasValue(Duration.ofSeconds(12));
        assertThat(ErrorClassification.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true), NOW)).isEmpty();
    }

    @Test
    void backoffGrowsIsCappedAndNeverUndercutsRetryAfter() {
        var exponential = new ResilienceSettings.RetryPolicy(5, "exponential", Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            assertThat(ResilientGateway.delayMillis(exponential, 1, null)).isBetween(75L, 125L);
            assertThat(ResilientGateway.delayMillis(exponential, 3, null)).isBetween(300L, 500L);
            assertThat(ResilientGateway.delayMillis(exponential, 10, null)).isLessThanOrEqualTo(1000L);
        }
        var linear = new ResilienceSettings.RetryPolicy(5, "linear", Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(ResilientGateway.delayMillis(linear, 3, null)).isBetween(225L, 375L);
        IntegrationError limited = ErrorClassification.error(ErrorType.RATE_LIMIT, "x", true, 429)
                .withRetryAfter(Duration.ofSeconds(5));
        assertThat(ResilientGateway.delayMillis(linear, 1, limited)).isEqualTo(5000L);
    }

    @Test
    void privateLoopbackAndMetadataAddressesAreRefusedAfterResolution() {
        OutboundAddressPolicy strict = new OutboundAddressPolicy(false, host -> InetAddress.getAllByName(
                Map.of("api.mailgun.net", "34.120.0.1", "rebound.example.com", "127.0.0.1",
                        "inside.example.com", "10.0.0.7").getOrDefault(host, host)));
        assertThat(strict.refusal(URI.create("https://api.mailgun.net/v3/domains"))).isEmpty();
        assertThat(strict.refusal(URI.create("https://rebound.example.com/"))).hasValueSatisfying(why ->
                assertThat(why).contains("loopback"));
        assertThat(strict.refusal(URI.create("https://inside.example.com/"))).isPresent();
        assertThat(strict.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).isPresent();
        assertThat(strict.refusal(URI.create("http://[::ffff:192.168.1.1]/"))).isPresent();
        assertThat(strict.refusal(URI.create("http://100.64.0.1/"))).isPresent();
        assertThat(strict.refusal(URI.create("ftp://api.mailgun.net/"))).isPresent();
        assertThat(new OutboundAddressPolicy(true, InetAddress::getAllByName).refusal(URI.create("http://127.0.0.1:8089/")))
                .isEmpty();
    }
}
