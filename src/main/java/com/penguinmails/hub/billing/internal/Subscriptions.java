package com.penguinmails.hub.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code billing_subscriptions} and {@code billing_invoices} tables. */
@Repository
class Subscriptions {

    private static final String ONE = """
            select tenant_id, stripe_subscription_id, status, current_period_start, current_period_end,
                   failed_attempts, latest_invoice_id, status_at, updated_at
            from billing_subscriptions where tenant_id = :tenant""";
    private static final String LOCK = ONE + " for update";
    private static final String UPSERT = """
            insert into billing_subscriptions (tenant_id, stripe_subscription_id, status, current_period_start,
                   current_period_end, failed_attempts, latest_invoice_id, status_at, updated_at)
            values (:tenant, :subscription, :status, :start, :end, :failed, :invoice, :statusAt, :now)
            on conflict (tenant_id) do update set stripe_subscription_id = excluded.stripe_subscription_id,
                   status = excluded.status, current_period_start = excluded.current_period_start,
                   current_period_end = excluded.current_period_end, failed_attempts = excluded.failed_attempts,
                   latest_invoice_id = excluded.latest_invoice_id, status_at = excluded.status_at,
                   updated_at = excluded.updated_at""";
    private static final String INVOICE = """
            select status, attempt_count, state_at from billing_invoices
            where tenant_id = :tenant and invoice_id = :invoice for update""";
    private static final String UPSERT_INVOICE = """
            insert into billing_invoices (tenant_id, invoice_id, stripe_subscription_id, status, amount_due, amount_paid,
                   currency, attempt_count, period_start, period_end, state_at, updated_at)
            values (:tenant, :invoice, :subscription, :status, :due, :paid, :currency, :attempts, :start, :end,
                    :stateAt, :now)
            on conflict (tenant_id, invoice_id) do update set
                   stripe_subscription_id = coalesce(excluded.stripe_subscription_id, billing_invoices.stripe_subscription_id),
                   status = excluded.status, amount_due = excluded.amount_due, amount_paid = excluded.amount_paid,
                   currency = excluded.currency,
                   attempt_count = greatest(excluded.attempt_count, billing_invoices.attempt_count),
                   period_start = excluded.period_start, period_end = excluded.period_end,
                   state_at = excluded.state_at, updated_at = excluded.updated_at""";

    record InvoiceState(String status, int attemptCount, Instant stateAt) {
    }

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Subscription> find(UUID tenantId) {
        return jdbc.sql(ONE).param("tenant", tenantId).query(Subscriptions::map).optional();
    }

    Optional<Subscription> lock(UUID tenantId) {
        return jdbc.sql(LOCK).param("tenant", tenantId).query(Subscriptions::map).optional();
    }

    void upsert(Subscription s, Instant now) {
        jdbc.sql(UPSERT).param("tenant", s.tenantId()).param("subscription", s.stripeSubscriptionId())
                .param("status", s.status()).param("start", SqlValues.timestamp(s.currentPeriodStart()))
                .param("end", SqlValues.timestamp(s.currentPeriodEnd())).param("failed", s.failedAttempts())
                .param("invoice", s.latestInvoiceId()).param("statusAt", SqlValues.timestamp(s.statusAt()))
                .param("now", SqlValues.timestamp(now)).update();
    }

    Optional<InvoiceState> lockInvoice(UUID tenantId, String invoiceId) {
        return jdbc.sql(INVOICE).param("tenant", tenantId).param("invoice", invoiceId)
                .query((rs, n) -> new InvoiceState(rs.getString("status"), rs.getInt("attempt_count"),
                        SqlValues.instant(rs, "state_at"))).optional();
    }

    void upsertInvoice(UUID tenantId, com.penguinmails.hub.stripe.StripeInvoice invoice, String status, Instant stateAt,
                       Instant now) {
        jdbc.sql(UPSERT_INVOICE).param("tenant", tenantId).param("invoice", invoice.id())
                .param("subscription", invoice.subscription()).param("status", status)
                .param("due", invoice.amountDue()).param("paid", invoice.amountPaid()).param("currency", invoice.currency())
                .param("attempts", invoice.attemptCount()).param("start", SqlValues.timestamp(invoice.periodStart()))
                .param("end", SqlValues.timestamp(invoice.periodEnd())).param("stateAt", SqlValues.timestamp(stateAt))
                .param("now", SqlValues.timestamp(now)).update();
    }

    private static Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getObject("tenant_id", UUID.class), rs.getString("stripe_subscription_id"),
                rs.getString("status"), SqlValues.instant(rs, "current_period_start"),
                SqlValues.instant(rs, "current_period_end"), rs.getInt("failed_attempts"),
                rs.getString("latest_invoice_id"), SqlValues.instant(rs, "status_at"), SqlValues.instant(rs, "updated_at"));
    }
}
