package com.penguinmails.hub.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.oauth.MailboxMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuthConfigurationUnitTests {

    private static OAuthProperties properties(Map<String, OAuthProperties.Provider> providers) {
        return new OAuthProperties(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofDays(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), 100, 8, Duration.ofSeconds(60), Duration.ofMinutes(5), 5,
                "/console/oauth.html", 100, Duration.ofSeconds(5), Duration.ofMinutes(5), providers);
    }

    private static OAuthProperties.Provider only(String tokenUri) {
        return new OAuthProperties.Provider(null, null, tokenUri, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void theBuiltInProvidersCarryTheRealEndpointsAndTheirQuirks() {
        var providers = properties(null).providers();
        var google = providers.get("google");
        assertThat(google.tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(google.authorizationParameters()).containsEntry("access_type", "offline").containsEntry("prompt", "consent");
        assertThat(google.revocation()).isEqualTo("rfc7009");
        assertThat(google.oneGrantPerAccount()).isTrue();
        var microsoft = providers.get("microsoft");
        assertThat(microsoft.extraScopes()).contains("offline_access");
        assertThat(microsoft.tokenUri()).contains("{tenant}");
        assertThat(microsoft.revocation()).isEqualTo("none");
        assertThat(microsoft.refreshWithScope()).isTrue();
        assertThat(providers.get("hubspot").clientAuthentication()).isEqualTo("client_secret_post");
        assertThat(providers.get("hubspot").revocation()).isEqualTo("hubspot");
    }

    @Test
    void anOverrideChangesOnlyWhatItNamesAndANewProviderGetsDefaults() {
        var providers = properties(Map.of("google", only("http://127.0.0.1:1/token"),
                "Acme", new OAuthProperties.Provider(null, "https://a.example/authorize", "https://a.example/token", null,
                        null, "https://a.example/userinfo", null, null, null, null, null, null, null, null, null, null, null)))
                .providers();
        assertThat(providers.get("google").tokenUri()).isEqualTo("http://127.0.0.1:1/token");
        assertThat(providers.get("google").authorizationUri()).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
        var acme = providers.get("acme");
        assertThat(acme.integrationProvider()).isEqualTo("oauth2");
        assertThat(acme.revocation()).isEqualTo("none");
        assertThat(acme.clientAuthentication()).isEqualTo("client_secret_basic");
        assertThat(acme.subjectField()).isEqualTo("sub");
        assertThat(acme.mailApi()).isEqualTo("none");
        assertThat(acme.refreshWithScope()).isFalse();
        assertThat(acme.oneGrantPerAccount()).isFalse();
    }

    @Test
    void headerInjectionIsRefusedAndPlainMessagesStayPlain() {
        ZonedDateTime date = ZonedDateTime.of(2026, 11, 26, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThatThrownBy(() -> Rfc5322Message.render(new MailboxMessage(null, List.of("a@example.com\r\nBcc: x@evil.example"),
                null, null, null, "Hi", "text", null), "me@example.com", date, "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc5322Message.render(new MailboxMessage(null, List.of("a@example.com"), null, null, null,
                "Hi\r\nBcc: x@evil.example", "text", null), "me@example.com", date, "b"))
                .isInstanceOf(IllegalArgumentException.class);
        String message = new String(Rfc5322Message.render(new MailboxMessage(null, List.of("a@example.com"), null, null,
                null, "Hi", "text", null), "me@example.com", date, "b"), StandardCharsets.US_ASCII);
        assertThat(message).startsWith("From: me@example.com\r\nTo: a@example.com\r\nSubject: Hi\r\n"
                + "Date: Thu, 26 Nov 2026 12:00:00 GMT\r\n");
        assertThat(message).contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\ndGV4dA==\r\n");
    }

    @Test
    void longNonAsciiSubjectsAreFoldedIntoEncodedWordsWithoutSplittingCharacters() {
        String subject = "Ünïcödé ".repeat(12);
        String encoded = Rfc5322Message.words(subject);
        for (String line : encoded.split("\r\n")) {
            assertThat(line.strip()).startsWith("=?UTF-8?B?").endsWith("?=");
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
    }
}
