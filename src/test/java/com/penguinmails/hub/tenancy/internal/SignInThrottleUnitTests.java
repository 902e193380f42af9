package com.penguinmails.hub.tenancy.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.platform.web.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SignInThrottleUnitTests {

    private final SignInThrottle throttle = new SignInThrottle(new TenancyProperties(Duration.ofDays(1),
            Duration.ofHours(1), Duration.ofHours(1),
            new TenancyProperties.SignIn(3, Duration.ofMinutes(15), 5, Duration.ofMinutes(1)),
            new TenancyProperties.VerificationResend(Duration.ofMinutes(1), 5), Duration.ofDays(7)));

    @Test
    void anAddressGetsItsBudgetOfAttemptsThenA429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            throttle.attemptFrom("203.0.113.7");
        }
        ApiProblem refused = catchThrowableOfType(ApiProblem.class, () -> throttle.attemptFrom("203.0.113.7"));
        assertThat(refused.status().value()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        assertThatCode(() -> throttle.attemptFrom("198.51.100.1")).doesNotThrowAnyException();
    }

    @Test
    void onlyFailuresSpendAnAccountsBudgetWhateverTheCaseOfTheEmail() {
        for (int i = 0; i < 10; i++) {
            throttle.checkAccount("ada@example.com"); // successful sign-ins check but never spend
        }
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("Ada@Example.com ");
        }
        ApiProblem refused = catchThrowableOfType(ApiProblem.class, () -> throttle.checkAccount("ada@example.com"));
        assertThat(refused.code()).isEqualTo("too_many_attempts");
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 15L * 60);
        assertThatCode(() -> throttle.checkAccount("grace@example.com")).doesNotThrowAnyException();
    }
}
