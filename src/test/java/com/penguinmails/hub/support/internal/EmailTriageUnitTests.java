package com.penguinmails.hub.support.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailTriageUnitTests {

    @Test
    void keywordsDecidePriorityAndCategory() {
        assertThat(EmailTriage.of("URGENT: outage", "Nothing sends")).extracting(EmailTriage.Triage::priority)
                .isEqualTo("urgent");
        assertThat(EmailTriage.of("Emails bouncing", "Bounced with an error")).extracting(EmailTriage.Triage::priority,
                EmailTriage.Triage::category).containsExactly("high", "technical");
        assertThat(EmailTriage.of("Quick question", "How do I change my invoice address?"))
                .extracting(EmailTriage.Triage::priority, EmailTriage.Triage::category).containsExactly("low", "billing");
        assertThat(EmailTriage.of("Hello", "I forgot my password")).extracting(EmailTriage.Triage::priority,
                EmailTriage.Triage::category).containsExactly("normal", "account");
        assertThat(EmailTriage.of("Hello", "Thanks for the product")).extracting(EmailTriage.Triage::category)
                .isEqualTo("general");
    }

    @Test
    void wholeWordsOnly() {
        // "api" inside "rapid" and "plan" inside "planet" are not keywords
        assertThat(EmailTriage.of("Rapid planet", "nothing here")).extracting(EmailTriage.Triage::category)
                .isEqualTo("general");
    }

    @Test
    void complexityFromTechnicalDetailAndLength() {
        assertThat(EmailTriage.complexity("short note")).isEqualTo("low");
        assertThat(EmailTriage.complexity("the webhook returns status code 500")).isEqualTo("high");
        assertThat(EmailTriage.complexity("x".repeat(800))).isEqualTo("medium");
    }
}
