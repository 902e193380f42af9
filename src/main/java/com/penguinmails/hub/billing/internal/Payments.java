package com.penguinmails.hub.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code billing_payments} table. */
@Repository
class Payments {

    private static final String COLUMNS = """
            select tenant_id, payment_intent_id, stripe_account_id, amount, currency, application_fee_amount, status,
                   failure_code, failure_message, invoice_id, description, state_at, created_at, updated_at
            from billing_payments
            """;
    private static final String ONE = COLUMNS + "where tenant_id = :tenant and payment_intent_id = :id";
    private static final String LOCK = ONE + " for update";
    private static final String PAGE = COLUMNS + """
            where tenant_id = :tenant
              and (cast(:beforeAt as timestamptz) is null or (created_at, payment_intent_id) < (:beforeAt, :beforeId))
            order by created_at desc, payment_intent_id desc limit :limit""";
    private static final String UPSERT = """
            insert into billing_payments (tenant_id, payment_intent_id, stripe_account_id, amount, currency,
                   application_fee_amount, status, failure_code, failure_message, invoice_id, description, state_at,
                   created_at, updated_at)
            values (:tenant, :id, :account, :amount, :currency, :fee, :status, :failureCode, :failureMessage, :invoice,
                    :description, :stateAt, :now, :now)
            on conflict (tenant_id, payment_intent_id) do update set
                   stripe_account_id = coalesce(excluded.stripe_account_id, billing_payments.stripe_account_id),
                   amount = excluded.amount, currency = excluded.currency,
                   application_fee_amount = coalesce(excluded.application_fee_amount, billing_payments.application_fee_amount),
                   status = excluded.status, failure_code = excluded.failure_code,
                   failure_message = excluded.failure_message,
                   invoice_id = coalesce(excluded.invoice_id, billing_payments.invoice_id),
                   description = coalesce(excluded.description, billing_payments.description),
                   state_at = excluded.state_at, updated_at = excluded.updated_at""";

    private static final String INSERT_NEW = """
            insert into billing_payments (tenant_id, payment_intent_id, stripe_account_id, amount, currency,
                   application_fee_amount, status, failure_code, failure_message, invoice_id, description, state_at,
                   created_at, updated_at)
            values (:tenant, :id, :account, :amount, :currency, :fee, :status, :failureCode, :failureMessage, :invoice,
                    :description, :stateAt, :now, :now)
            on conflict (tenant_id, payment_intent_id) do nothing""";

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Payment> find(UUID tenantId, String id) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("id", id).query(Payments::map).optional();
    }

    /** The payment, locked for the rest of the transaction (events of one payment apply one after another). */
    Optional<Payment> lock(UUID tenantId, String id) {
        return jdbc.sql(LOCK).param("tenant", tenantId).param("id", id).query(Payments::map).optional();
    }

    List<Payment> page(UUID tenantId, Instant beforeAt, String beforeId, int limit) {
        return jdbc.sql(PAGE).param("tenant", tenantId).param("beforeAt", SqlValues.timestamp(beforeAt))
                .param("beforeId", beforeId).param("limit", limit).query(Payments::map).list();
    }

    /** Stores a payment the hub just created, unless an event already recorded it (the event knows more). */
    void insertIfAbsent(Payment p, Instant now) {
        write(INSERT_NEW, p, now);
    }

    void upsert(Payment p, Instant now) {
        write(UPSERT, p, now);
    }

    private void write(String sql, Payment p, Instant now) {
        jdbc.sql(sql).param("tenant", p.tenantId()).param("id", p.paymentIntentId())
                .param("account", p.stripeAccountId()).param("amount", p.amount()).param("currency", p.currency())
                .param("fee", p.applicationFeeAmount()).param("status", p.status())
                .param("failureCode", p.failureCode()).param("failureMessage", p.failureMessage())
                .param("invoice", p.invoiceId()).param("description", p.description())
                .param("stateAt", SqlValues.timestamp(p.stateAt())).param("now", SqlValues.timestamp(now)).update();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        long fee = rs.getLong("application_fee_amount");
        Long applicationFee = rs.wasNull() ? null : fee;
        return new Payment(rs.getObject("tenant_id", UUID.class), rs.getString("payment_intent_id"),
                rs.getString("stripe_account_id"), rs.getLong("amount"), rs.getString("currency"), applicationFee,
                rs.getString("status"), rs.getString("failure_code"), rs.getString("failure_message"),
                rs.getString("invoice_id"), rs.getString("description"), SqlValues.instant(rs, "state_at"),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }
}
