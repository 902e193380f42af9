package com.penguinmails.hub.gateway.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformLimitsUnitTests {

    @Test
    void givesPostHogPersonsReadsPostHogsOwnLimitInTheirOwnBucket() {
        PlatformLimits.Limit persons = PlatformLimits.of("posthog.persons.get").orElseThrow();

        assertThat(persons.key()).isEqualTo("platform:posthog.persons");
        assertThat(persons.limits().requestsPerMinute()).isEqualTo(240);
        assertThat(persons.limits().requestsPerHour()).isEqualTo(1200);
    }

    @Test
    void sharesOneGuardLimitAmongOtherPostHogCallsAndLeavesOtherOperationsUnlimited() {
        assertThat(PlatformLimits.of("posthog.batch").orElseThrow().key()).isEqualTo("platform:posthog");
        assertThat(PlatformLimits.of("posthog.flags").orElseThrow().key()).isEqualTo("platform:posthog");
        assertThat(PlatformLimits.of("mailgun.messages.send")).isEmpty();
    }
}
