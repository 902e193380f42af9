package com.penguinmails.hub.billing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the billing module, bound from {@code hub.billing.*}.
 *
 * @param onboardingReturnPath where Stripe sends the user back after onboarding (under {@code hub.public-base-url})
 * @param onboardingRefreshTtl how long the refresh URL handed to Stripe with an onboarding link keeps making new links
 */
@ConfigurationProperties("hub.billing")
public record BillingProperties(
        @DefaultValue("/console/") String onboardingReturnPath,
        @DefaultValue("7d") Duration onboardingRefreshTtl) {
}
