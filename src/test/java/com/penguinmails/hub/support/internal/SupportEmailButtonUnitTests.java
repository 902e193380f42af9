package com.penguinmails.hub.support.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SupportEmailButtonUnitTests {

    @Test
    void encodesLikeEncodeUriComponent() {
        assertThat(SupportEmailButton.encode("a b&c=d+e\n[é]!'()*~")).isEqualTo("a%20b%26c%3Dd%2Be%0A%5B%C3%A9%5D!'()*~");
    }

    @Property
    void anyTextSurvivesTheRoundTrip(@ForAll String text) {
        String encoded = SupportEmailButton.encode(text);
        assertThat(encoded).doesNotContain(" ", "&", "?", "#", "\n", "+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void theGuidesSubjectAndBody() {
        var email = SupportEmailButton.build("support@penguinmails.com", new SupportEmailButton.Context("Acme", null,
                Instant.parse("2025-01-02T03:04:05Z"), "Ada", "ada@acme.example", null, "Chrome", "https://app/x",
                Instant.parse("2026-11-26T10:00:00Z"), "1.2.3", "Billing"));
        assertThat(email.subject()).isEqualTo("[Support] Acme - Billing");
        assertThat(email.body()).contains("- Company: Acme\n- User: Ada (ada@acme.example)\n- Plan: Unknown\n"
                + "- Account Created: 2025-01-02T03:04:05Z\n- Last Login: Unknown");
        assertThat(email.body()).contains("- Timestamp: 2026-11-26T10:00:00Z\n- Version: 1.2.3");
        assertThat(email.mailto()).isEqualTo("mailto:support@penguinmails.com?subject="
                + SupportEmailButton.encode(email.subject()) + "&body=" + SupportEmailButton.encode(email.body()));
    }
}
