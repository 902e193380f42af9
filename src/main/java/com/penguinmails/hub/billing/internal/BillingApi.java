package com.penguinmails.hub.billing.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the billing API. */
final class BillingApi {

    private BillingApi() {
    }

    record CreateAccountRequest(
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code (US, FR, …)")
            String country,
            @NotBlank @Email @Size(max = 254) String email) {
    }

    record AccountView(String id, String country, String email, boolean livemode, boolean chargesEnabled,
                       boolean payoutsEnabled, boolean detailsSubmitted, List<String> requirementsDue,
                       Map<String, String> capabilities, Instant stateAt, Instant createdAt, Instant updatedAt) {

        static AccountView of(ConnectedAccount a) {
            return new AccountView(a.stripeAccountId(), a.country(), a.email(), a.livemode(), a.chargesEnabled(),
                    a.payoutsEnabled(), a.detailsSubmitted(), a.requirementsDue(), a.capabilityStatuses(), a.stateAt(),
                    a.createdAt(), a.updatedAt());
        }
    }

    record OnboardingLinkView(String url, Instant expiresAt) {
        @Override
        public String toString() {
            return "OnboardingLinkView[expires " + expiresAt + "]";
        }
    }

    record CreatePaymentRequest(
            @NotNull @Min(1) @Max(99_999_999) Long amount,
            @NotBlank @Pattern(regexp = "[a-z]{3}", message = "must be a lower-case ISO 4217 currency code (usd, eur, …)")
            String currency,
            @Size(max = 1000) String description) {
    }

    record PaymentView(String id, String accountId, long amount, String currency, Long applicationFeeAmount,
                       String status, String failureCode, String failureMessage, String invoiceId, String description,
                       Instant stateAt, Instant createdAt, Instant updatedAt) {

        static PaymentView of(Payment p) {
            return new PaymentView(p.paymentIntentId(), p.stripeAccountId(), p.amount(), p.currency(),
                    p.applicationFeeAmount(), p.status(), p.failureCode(), p.failureMessage(), p.invoiceId(),
                    p.description(), p.stateAt(), p.createdAt(), p.updatedAt());
        }
    }

    /** The created payment; {@code clientSecret} is what the customer's browser confirms it with (shown here only). */
    record CreatedPaymentView(PaymentView payment, String clientSecret, BigDecimal applicationFeePercent) {
        @Override
        public String toString() {
            return "CreatedPaymentView[" + payment.id() + "]";
        }
    }

    record PaymentPage(List<PaymentView> payments, String nextCursor) {
    }

    record SubscriptionView(String id, String status, Instant currentPeriodStart, Instant currentPeriodEnd,
                            int failedAttempts, String latestInvoiceId, Instant statusAt, Instant updatedAt) {

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.stripeSubscriptionId(), s.status(), s.currentPeriodStart(),
                    s.currentPeriodEnd(), s.failedAttempts(), s.latestInvoiceId(), s.statusAt(), s.updatedAt());
        }
    }

    /** {@code billingEmail}: null clears it (the owners and admins are the contacts again). */
    record ProfileRequest(@Email @Size(min = 3, max = 254) String billingEmail) {
    }

    @Schema(name = "BillingProfileView")
    record ProfileView(String billingEmail, List<String> contacts) {
    }
}
