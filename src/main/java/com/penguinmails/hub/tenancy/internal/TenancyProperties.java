package com.penguinmails.hub.tenancy.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tenancy module, bound from {@code hub.tenancy.*} (environment {@code HUB_TENANCY_*}).
 *
 * @param sessionTtl          a session's absolute lifetime
 * @param sessionIdleTimeout  a session unused this long is no longer accepted
 * @param verificationTtl     how long an email-verification token stays valid
 * @param signIn              sign-in throttling
 * @param verificationResend  how often a user may ask for another verification email
 * @param invitationTtl       how long an invitation to a tenant can be accepted
 */
@ConfigurationProperties("hub.tenancy")
public record TenancyProperties(
        @DefaultValue("30d") Duration sessionTtl,
        @DefaultValue("7d") Duration sessionIdleTimeout,
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue SignIn signIn,
        @DefaultValue VerificationResend verificationResend,
        @DefaultValue("7d") Duration invitationTtl) {

    /**
     * @param interval at most one verification email per user within this (the sign-up's counts)
     * @param perDay   at most this many per user within 24 hours
     */
    public record VerificationResend(@DefaultValue("1m") Duration interval, @DefaultValue("5") int perDay) {
    }

    /**
     * @param failuresPerAccount  failed sign-ins allowed per account within {@code accountWindow}
     * @param accountWindow       the window over which account failures refill
     * @param attemptsPerAddress  sign-in and sign-up attempts allowed per client address within {@code addressWindow}
     * @param addressWindow       the window over which address attempts refill
     */
    public record SignIn(
            @DefaultValue("10") int failuresPerAccount,
            @DefaultValue("15m") Duration accountWindow,
            @DefaultValue("30") int attemptsPerAddress,
            @DefaultValue("1m") Duration addressWindow) {
    }
}
