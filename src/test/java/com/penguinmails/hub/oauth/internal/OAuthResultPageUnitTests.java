package com.penguinmails.hub.oauth.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthResultPageUnitTests {

    private static OAuthResultPage page(Duration stateTtl) {
        return new OAuthResultPage(new OAuthProperties(stateTtl, Duration.ofMinutes(15), Duration.ofDays(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), 100, 8, Duration.ofSeconds(60), Duration.ofMinutes(5), 5,
                "/console/oauth.html", 100, Duration.ofSeconds(5), Duration.ofMinutes(5), null));
    }

    @Test
    void anExpiredSignInSaysTheConfiguredTimeInWords() {
        assertThat(page(Duration.ofMinutes(90)).show("error", "google", "state_expired", null).getBody())
                .contains("The sign-in took longer than 1 hour and 30 minutes.")
                .doesNotContain("10 minutes");
        assertThat(page(Duration.ofMinutes(3)).show("error", "google", "state_expired", null).getBody())
                .contains("longer than 3 minutes.");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(OAuthResultPage.inWords(Duration.ofMinutes(10))).isEqualTo("10 minutes");
        assertThat(OAuthResultPage.inWords(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(OAuthResultPage.inWords(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(OAuthResultPage.inWords(Duration.ofSeconds(3_661))).isEqualTo("1 hour, 1 minute and 1 second");
        assertThat(OAuthResultPage.inWords(Duration.ofDays(2))).isEqualTo("2 days");
    }

    @Test
    void theProvidersErrorIsShownAsEscapedText() {
        String html = page(Duration.ofMinutes(10)).show("error", "acme", "provider_error",
                "Bad Request!: <img src=x onerror=alert(1)> & \"quotes\"").getBody();
        assertThat(html).contains("the provider answered with an error (Bad Request!: &lt;img src=x onerror=alert(1)&gt;"
                + " &amp; &quot;quotes&quot;)").doesNotContain("<img").doesNotContain("<script");
    }

    @Test
    void aConnectedAccountIsSaidToBeConnected() {
        assertThat(page(Duration.ofMinutes(10)).show("connected", "hubspot", null, null).getBody())
                .contains("Your hubspot account is connected.").contains("status-UP");
    }
}
