package com.penguinmails.hub.billing.internal;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.stripe.StripeInvoice;

/**
 * Tells the tenant's billing contacts that an invoice payment failed, through the hub's own sending
 * path, in the transaction that marked the subscription past due (so it goes out exactly once, when
 * that commits).
 */
@Component
class FailedPaymentNotices {

    static final String KIND = "billing_payment_failed";

    private final BillingContacts contacts;
    private final SystemEmails emails;

    FailedPaymentNotices(BillingContacts contacts, SystemEmails emails) {
        this.contacts = contacts;
        this.emails = emails;
    }

    /** Queues one email per contact; answers how many. */
    int invoicePaymentFailed(UUID tenantId, StripeInvoice invoice, int failedAttempts) {
        String amount = format(invoice.amountDue(), invoice.currency());
        String subject = "Payment failed for your PenguinMails subscription";
        String text = """
                We could not collect the payment of %s for invoice %s (attempt %d).

                Your subscription is now past due. Please update your payment method in your billing settings;
                Stripe will try again automatically.

                — PenguinMails billing
                """.formatted(amount, invoice.id(), Math.max(failedAttempts, 1));
        int sent = 0;
        for (String to : contacts.of(tenantId)) {
            emails.send(SystemEmail.plain(KIND, to, subject, text));
            sent++;
        }
        return sent;
    }

    static String format(long minorUnits, String currency) {
        if (currency == null) {
            return Long.toString(minorUnits);
        }
        try {
            Currency c = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
            int digits = Math.max(c.getDefaultFractionDigits(), 0);
            return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + c.getCurrencyCode();
        } catch (IllegalArgumentException unknown) {
            return minorUnits + " " + currency.toUpperCase(Locale.ROOT) + " (minor units)";
        }
    }
}
