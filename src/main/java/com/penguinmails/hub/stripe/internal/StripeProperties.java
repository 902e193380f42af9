package com.penguinmails.hub.stripe.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Stripe module, bound from {@code hub.stripe.*}.
 *
 * @param baseUrl               Stripe's API (a stub in tests)
 * @param secretKey             the platform's secret key ({@code sk_…}), used for tenants without a stripe
 *                              integration of their own; empty: such tenants cannot use Stripe
 * @param apiVersion            sent as {@code Stripe-Version} when set; empty uses the account's default
 * @param webhookTolerance      how far a {@code Stripe-Signature} timestamp may be from now, either way
 * @param applicationFeePercent the platform fee when the tenant's integration sets none
 * @param requestTimeout        time one call to Stripe may take
 */
@ConfigurationProperties("hub.stripe")
public record StripeProperties(
        @DefaultValue("https://api.stripe.com") URI baseUrl,
        String secretKey,
        String apiVersion,
        @DefaultValue("300s") Duration webhookTolerance,
        @DefaultValue("0") BigDecimal applicationFeePercent,
        @DefaultValue("20s") Duration requestTimeout) {

    @Override
    public String toString() {
        return "StripeProperties[baseUrl=" + baseUrl + ", secretKey=" + (secretKey == null || secretKey.isBlank()
                ? "unset" : "set") + ", apiVersion=" + apiVersion + ", webhookTolerance=" + webhookTolerance
                + ", applicationFeePercent=" + applicationFeePercent + "]";
    }
}
