package com.penguinmails.hub.billing.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.stripe.StripeAccount;
import com.penguinmails.hub.stripe.StripeCapability;
import com.penguinmails.hub.stripe.StripeEvent;
import com.penguinmails.hub.stripe.StripeInvoice;
import com.penguinmails.hub.stripe.StripePaymentIntent;
import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.InboundEventProcessor;

/**
 * What Stripe's events do to a tenant's billing. Each event applies once (the ledger, by event id)
 * and in Stripe's order, not the order of arrival: every state keeps the Stripe time ({@code created})
 * it was set at, and an event older than that changes nothing. On top of that, a succeeded payment
 * and a paid invoice are final: no failure event, whatever its time, takes them back.
 *
 * <p>Connect events reach the platform endpoint with {@code account}: the tenant is the one whose
 * connected account that is. Platform events without it are routed by the {@code hub_tenant_id}
 * metadata the hub puts on what it creates.
 */
@Component
class StripeEventEffects implements InboundEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeEventEffects.class);

    static final Set<String> TYPES = Set.of("account.updated", "capability.updated", "payment_intent.succeeded",
            "payment_intent.payment_failed", "invoice.payment_succeeded", "invoice.payment_failed");

    private final AppliedEvents applied;
    private final ConnectedAccounts accounts;
    private final Payments payments;
    private final Subscriptions subscriptions;
    private final BillingEvents events;
    private final FailedPaymentNotices notices;
    private final JsonMapper json;
    private final Clock clock;

    StripeEventEffects(AppliedEvents applied, ConnectedAccounts accounts, Payments payments, Subscriptions subscriptions,
                       BillingEvents events, FailedPaymentNotices notices, JsonMapper json, Clock clock) {
        this.applied = applied;
        this.accounts = accounts;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.events = events;
        this.notices = notices;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean supports(String provider, String eventType) {
        return "stripe".equals(provider) && TYPES.contains(eventType);
    }

    @Override
    public Optional<UUID> owningTenant(InboundEvent event) {
        StripeEvent stripe = StripeEvent.from(json.readTree(event.payloadJson()));
        Optional<UUID> byAccount = stripe.connectedAccount().flatMap(accounts::tenantOf);
        if (byAccount.isPresent()) {
            return byAccount;
        }
        return stripe.tenantMetadata().flatMap(StripeEventEffects::uuid);
    }

    @Override
    public void process(InboundEvent event) {
        StripeEvent stripe = StripeEvent.from(json.readTree(event.payloadJson()));
        UUID tenantId = event.tenantId();
        if (!applied.claim(tenantId, stripe, clock.instant())) {
            return;
        }
        switch (stripe.type()) {
            case "account.updated" -> accountUpdated(tenantId, stripe);
            case "capability.updated" -> capabilityUpdated(tenantId, stripe);
            case "payment_intent.succeeded" -> paymentSucceeded(tenantId, stripe);
            case "payment_intent.payment_failed" -> paymentFailed(tenantId, stripe);
            case "invoice.payment_succeeded" -> invoicePaid(tenantId, stripe);
            case "invoice.payment_failed" -> invoiceFailed(tenantId, stripe);
            default -> log.debug("Stripe event {} has no billing effect", stripe);
        }
    }

    // ---- connected account ----

    private void accountUpdated(UUID tenantId, StripeEvent event) {
        StripeAccount update = event.accountObject();
        Optional<ConnectedAccount> mine = accounts.lock(tenantId);
        awaitCreation(tenantId, event, mine);
        Optional<ConnectedAccount> stored = mine.filter(a -> a.stripeAccountId().equals(update.id()));
        if (stored.isEmpty() || ConnectedAccount.olderThan(event.created(), stored.get().stateAt())) {
            return; // not this tenant's account, or older than what we know
        }
        ConnectedAccount before = stored.get();
        Map<String, ConnectedAccount.CapabilityState> capabilities = new TreeMap<>(before.capabilities());
        update.capabilities().forEach((name, status) -> {
            ConnectedAccount.CapabilityState known = capabilities.get(name);
            if (known == null || !ConnectedAccount.olderThan(event.created(), known.at())) {
                capabilities.put(name, new ConnectedAccount.CapabilityState(status, event.created()));
            }
        });
        ConnectedAccount after = new ConnectedAccount(tenantId, before.stripeAccountId(), before.country(),
                before.email(), before.livemode(), update.chargesEnabled(), update.payoutsEnabled(),
                update.detailsSubmitted(), update.requirementsDue(), capabilities, event.created(), before.createdAt(),
                clock.instant());
        accounts.updateState(after, clock.instant());
        if (after.differsFrom(before)) {
            events.accountUpdated(tenantId, after, event.id());
        }
    }

    private void capabilityUpdated(UUID tenantId, StripeEvent event) {
        StripeCapability capability = event.capability();
        String accountId = capability.account() != null ? capability.account() : event.account();
        Optional<ConnectedAccount> mine = accounts.lock(tenantId);
        awaitCreation(tenantId, event, mine);
        Optional<ConnectedAccount> stored = mine.filter(a -> a.stripeAccountId().equals(accountId));
        if (stored.isEmpty() || capability.name() == null || capability.status() == null) {
            return;
        }
        ConnectedAccount before = stored.get();
        ConnectedAccount.CapabilityState known = before.capabilities().get(capability.name());
        if (known != null && ConnectedAccount.olderThan(event.created(), known.at())) {
            return;
        }
        Map<String, ConnectedAccount.CapabilityState> capabilities = new TreeMap<>(before.capabilities());
        capabilities.put(capability.name(), new ConnectedAccount.CapabilityState(capability.status(), event.created()));
        ConnectedAccount after = new ConnectedAccount(tenantId, before.stripeAccountId(), before.country(),
                before.email(), before.livemode(), before.chargesEnabled(), before.payoutsEnabled(),
                before.detailsSubmitted(), before.requirementsDue(), capabilities, before.stateAt(), before.createdAt(),
                clock.instant());
        accounts.updateState(after, clock.instant());
        if (after.differsFrom(before)) {
            events.accountUpdated(tenantId, after, event.id());
        }
    }

    /**
     * An account the hub created for this tenant (its metadata says so) may report before the creation
     * committed: the event is retried later rather than dropped.
     */
    private static void awaitCreation(UUID tenantId, StripeEvent event, Optional<ConnectedAccount> mine) {
        if (mine.isEmpty() && event.tenantMetadata().map(tenantId.toString()::equals).orElse(false)) {
            throw new IllegalStateException("The connected account of " + event + " is not stored yet; retrying");
        }
    }

    // ---- payments ----

    private void paymentSucceeded(UUID tenantId, StripeEvent event) {
        StripePaymentIntent intent = event.paymentIntent();
        Optional<Payment> stored = payments.lock(tenantId, intent.id());
        if (stored.isEmpty() || !Payment.SUCCEEDED.equals(stored.get().status())) {
            Payment payment = new Payment(tenantId, intent.id(), event.connectedAccount().orElse(
                    stored.map(Payment::stripeAccountId).orElse(null)), intent.amount(), intent.currency(),
                    intent.applicationFeeAmount(), Payment.SUCCEEDED, null, null, intent.invoice(),
                    intent.description(), event.created(), clock.instant(), clock.instant());
            payments.upsert(payment, clock.instant());
            events.paymentSucceeded(tenantId, payment, event.id());
        }
        activate(tenantId, event, null);
    }

    private void paymentFailed(UUID tenantId, StripeEvent event) {
        StripePaymentIntent intent = event.paymentIntent();
        Optional<Payment> stored = payments.lock(tenantId, intent.id());
        if (stored.isPresent() && (Payment.SUCCEEDED.equals(stored.get().status())
                || event.created().isBefore(stored.get().stateAt()))) {
            return; // a succeeded payment stays succeeded; an older failure is history
        }
        Payment payment = new Payment(tenantId, intent.id(), event.connectedAccount().orElse(
                stored.map(Payment::stripeAccountId).orElse(null)), intent.amount(), intent.currency(),
                intent.applicationFeeAmount(), intent.status() == null ? "requires_payment_method" : intent.status(),
                intent.failureCode(), intent.failureMessage(), intent.invoice(), intent.description(), event.created(),
                clock.instant(), clock.instant());
        payments.upsert(payment, clock.instant());
        events.paymentFailed(tenantId, payment, event.id());
    }

    // ---- subscription and invoices ----

    private void invoicePaid(UUID tenantId, StripeEvent event) {
        StripeInvoice invoice = event.invoice();
        subscriptions.lockInvoice(tenantId, invoice.id());
        subscriptions.upsertInvoice(tenantId, invoice, "paid", event.created(), clock.instant());
        activate(tenantId, event, invoice);
    }

    /** Makes the subscription active, unless a newer event already decided its status. */
    private void activate(UUID tenantId, StripeEvent event, StripeInvoice invoice) {
        Optional<Subscription> stored = subscriptions.lock(tenantId);
        if (stored.isPresent() && event.created().isBefore(stored.get().statusAt())) {
            return;
        }
        Subscription before = stored.orElse(null);
        Subscription after = new Subscription(tenantId,
                first(invoice == null ? null : invoice.subscription(), before == null ? null : before.stripeSubscriptionId()),
                Subscription.ACTIVE,
                first(invoice == null ? null : invoice.periodStart(), before == null ? null : before.currentPeriodStart()),
                first(invoice == null ? null : invoice.periodEnd(), before == null ? null : before.currentPeriodEnd()),
                0, first(invoice == null ? null : invoice.id(), before == null ? null : before.latestInvoiceId()),
                event.created(), clock.instant());
        subscriptions.upsert(after, clock.instant());
        if (before == null || !before.status().equals(after.status())
                || !Objects.equals(before.currentPeriodEnd(), after.currentPeriodEnd())
                || !Objects.equals(before.stripeSubscriptionId(), after.stripeSubscriptionId())) {
            events.subscriptionChanged(tenantId, after, before == null ? null : before.status(), event.id());
        }
    }

    private void invoiceFailed(UUID tenantId, StripeEvent event) {
        StripeInvoice invoice = event.invoice();
        Optional<Subscriptions.InvoiceState> known = subscriptions.lockInvoice(tenantId, invoice.id());
        if ("paid".equals(invoice.status()) || known.map(k -> "paid".equals(k.status())).orElse(false)) {
            return; // a paid invoice is never downgraded by a failure, whenever it arrives
        }
        if (known.isPresent() && event.created().isBefore(known.get().stateAt())) {
            return;
        }
        subscriptions.upsertInvoice(tenantId, invoice, "payment_failed", event.created(), clock.instant());
        events.invoicePaymentFailed(tenantId, invoice, event.id(), event.created());

        Optional<Subscription> stored = subscriptions.lock(tenantId);
        if (stored.isPresent() && event.created().isBefore(stored.get().statusAt())) {
            return; // a newer event decided the subscription's status
        }
        Subscription before = stored.orElse(null);
        int counted = before != null && invoice.id().equals(before.latestInvoiceId()) ? before.failedAttempts() + 1 : 1;
        int attempts = Math.max(invoice.attemptCount(), counted);
        Subscription after = new Subscription(tenantId,
                first(invoice.subscription(), before == null ? null : before.stripeSubscriptionId()),
                Subscription.PAST_DUE,
                before == null ? invoice.periodStart() : before.currentPeriodStart(),
                before == null ? invoice.periodEnd() : before.currentPeriodEnd(),
                attempts, invoice.id(), event.created(), clock.instant());
        subscriptions.upsert(after, clock.instant());
        events.subscriptionChanged(tenantId, after, before == null ? null : before.status(), event.id());
        notices.invoicePaymentFailed(tenantId, invoice, attempts);
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
