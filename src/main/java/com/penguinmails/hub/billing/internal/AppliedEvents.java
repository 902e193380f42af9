package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.security.ExpiringData;
import com.penguinmails.hub.stripe.StripeEvent;

/**
 * The ledger of Stripe events already applied ({@code billing_stripe_events}): the inbox keeps one
 * copy per event id, and this keeps one effect per event id even when an event is run again (a
 * requeue from the inbox, or the same event reaching both the platform and a tenant endpoint).
 */
@Repository
class AppliedEvents implements ExpiringData {

    private static final String CLAIM = """
            insert into billing_stripe_events (tenant_id, event_id, event_type, created, applied_at)
            values (:tenant, :id, :type, :created, :now) on conflict (tenant_id, event_id) do nothing""";

    private final JdbcClient jdbc;

    AppliedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time; false when the event was applied already. */
    boolean claim(UUID tenantId, StripeEvent event, Instant now) {
        return jdbc.sql(CLAIM).param("tenant", tenantId).param("id", event.id()).param("type", event.type())
                .param("created", SqlValues.timestamp(event.created())).param("now", SqlValues.timestamp(now))
                .update() == 1;
    }

    @Override
    public String table() {
        return "billing_stripe_events";
    }

    /** Far beyond Stripe's 3 days of retries and the inbox's raw-payload retention. */
    @Override
    public java.util.Optional<java.time.Duration> retention() {
        return java.util.Optional.of(java.time.Duration.ofDays(90));
    }

    /** Spent onboarding refresh tokens go a day after they expire. */
    @org.springframework.stereotype.Component
    static class OnboardingTokens implements ExpiringData {
        @Override
        public String table() {
            return "billing_onboarding_tokens";
        }

        @Override
        public java.util.Optional<java.time.Duration> retention() {
            return java.util.Optional.of(java.time.Duration.ofDays(1));
        }
    }
}
