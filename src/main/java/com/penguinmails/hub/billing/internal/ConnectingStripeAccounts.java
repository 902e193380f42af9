package com.penguinmails.hub.billing.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.stripe.AccountLink;
import com.penguinmails.hub.stripe.StripeAccount;
import com.penguinmails.hub.stripe.StripeApi;

/**
 * A tenant's Express account and its onboarding. Stripe is called outside any transaction; what it
 * answers is stored afterwards. Onboarding links expire within minutes, so the refresh URL given
 * to Stripe is the hub's own ({@code /billing/stripe/onboarding/refresh/{token}}): it makes a fresh
 * link and redirects to it.
 */
@Service
class ConnectingStripeAccounts {

    static final String REFRESH_PATH = "/billing/stripe/onboarding/refresh/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StripeApi stripe;
    private final ConnectedAccounts accounts;
    private final BillingEvents events;
    private final TenantTransactions transactions;
    private final PlatformProperties platform;
    private final BillingProperties properties;
    private final Clock clock;

    ConnectingStripeAccounts(StripeApi stripe, ConnectedAccounts accounts, BillingEvents events,
                       TenantTransactions transactions, PlatformProperties platform, BillingProperties properties,
                       Clock clock) {
        this.stripe = stripe;
        this.accounts = accounts;
        this.events = events;
        this.transactions = transactions;
        this.platform = platform;
        this.properties = properties;
        this.clock = clock;
    }

    record Created(ConnectedAccount account, boolean existed) {
    }

    /** Creates the tenant's Express account, or answers the one it has. */
    Created create(UUID tenantId, String country, String email) {
        Optional<ConnectedAccount> existing = transactions.readInTenant(tenantId, () -> accounts.find(tenantId));
        if (existing.isPresent()) {
            return new Created(existing.get(), true);
        }
        StripeAccount created = stripe.createExpressAccount(tenantId, country, email);
        Instant now = clock.instant();
        return transactions.inTenant(tenantId, () -> {
            ConnectedAccount account = state(tenantId, created, country, email, now);
            boolean inserted = accounts.insert(account, now);
            ConnectedAccount stored = accounts.find(tenantId).orElseThrow();
            if (inserted) {
                events.accountUpdated(tenantId, stored, null);
            }
            return new Created(stored, !inserted);
        });
    }

    /**
     * Reads the account from Stripe now and keeps what the read can vouch for: state stamped by an
     * event of the read's second or later (a newer event, or one Stripe's one-second {@code created}
     * cannot place before the read) stays; see {@link ConnectedAccount#withStateRead}.
     */
    ConnectedAccount sync(UUID tenantId) {
        ConnectedAccount known = require(tenantId);
        // taken before the call: Stripe's answer shows at least every change made before this instant
        Instant readAt = clock.instant();
        StripeAccount current = stripe.retrieveAccount(tenantId, known.stripeAccountId());
        return transactions.inTenant(tenantId, () -> {
            ConnectedAccount before = accounts.lock(tenantId).orElseThrow();
            ConnectedAccount after = before.withStateRead(current, readAt, clock.instant());
            if (after == before) {
                return before;
            }
            accounts.updateState(after, clock.instant());
            if (after.differsFrom(before)) {
                events.accountUpdated(tenantId, after, null);
            }
            return accounts.find(tenantId).orElseThrow();
        });
    }

    /** A new onboarding link, with a refresh URL that makes the next one. */
    AccountLink onboardingLink(UUID tenantId) {
        ConnectedAccount account = require(tenantId);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        transactions.inTenant(tenantId, () -> accounts.insertToken(tenantId, hash(token), account.stripeAccountId(),
                now.plus(properties.onboardingRefreshTtl()), now));
        return stripe.createOnboardingLink(tenantId, account.stripeAccountId(), refreshUrl(token), returnUrl());
    }

    /**
     * The refresh URL was followed (the previous link expired or was used): a new link for the same
     * account. Empty when the token is unknown or expired.
     */
    Optional<AccountLink> refresh(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        Optional<UUID> tenantId = transactions.inCurrentScope(() -> accounts.tenantOfToken(hash, now));
        if (tenantId.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> account = transactions.readInTenant(tenantId.get(),
                () -> accounts.accountOfToken(tenantId.get(), hash, now));
        return account.map(id -> stripe.createOnboardingLink(tenantId.get(), id, refreshUrl(token), returnUrl()));
    }

    ConnectedAccount require(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> accounts.find(tenantId)).orElseThrow(() ->
                ApiProblem.notFound("connected_account_not_found", "The tenant has no Stripe connected account yet"));
    }

    URI refreshUrl(String token) {
        return platform.publicBaseUrl().resolve(REFRESH_PATH + token);
    }

    URI returnUrl() {
        return platform.publicBaseUrl().resolve(properties.onboardingReturnPath());
    }

    private static ConnectedAccount state(UUID tenantId, StripeAccount account, String country, String email, Instant at) {
        Map<String, ConnectedAccount.CapabilityState> capabilities = new TreeMap<>();
        account.capabilities().forEach((name, status) -> capabilities.put(name, new ConnectedAccount.CapabilityState(status, at)));
        return new ConnectedAccount(tenantId, account.id(), account.country() != null ? account.country() : country,
                account.email() != null ? account.email() : email, account.livemode(), account.chargesEnabled(),
                account.payoutsEnabled(), account.detailsSubmitted(), account.requirementsDue(), capabilities, at, at, at);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
