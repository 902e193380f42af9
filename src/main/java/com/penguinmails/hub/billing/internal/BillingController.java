package com.penguinmails.hub.billing.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.billing.internal.BillingApi.AccountView;
import com.penguinmails.hub.billing.internal.BillingApi.CreateAccountRequest;
import com.penguinmails.hub.billing.internal.BillingApi.CreatePaymentRequest;
import com.penguinmails.hub.billing.internal.BillingApi.CreatedPaymentView;
import com.penguinmails.hub.billing.internal.BillingApi.OnboardingLinkView;
import com.penguinmails.hub.billing.internal.BillingApi.PaymentPage;
import com.penguinmails.hub.billing.internal.BillingApi.PaymentView;
import com.penguinmails.hub.billing.internal.BillingApi.ProfileRequest;
import com.penguinmails.hub.billing.internal.BillingApi.ProfileView;
import com.penguinmails.hub.billing.internal.BillingApi.SubscriptionView;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.stripe.AccountLink;
import com.penguinmails.hub.stripe.StripeCallFailed;
import com.penguinmails.hub.stripe.StripeNotConfigured;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/billing")
@Tag(name = "Billing", description = "Stripe Connect account, payments and subscription of a tenant")
class BillingController {

    private static final String KEY = "[A-Za-z0-9_.:-]{1,200}";
    private static final String PAYMENT_ID = "pi_[A-Za-z0-9_]{1,250}";

    private final ConnectingStripeAccounts connecting;
    private final TakingPayments taking;
    private final Payments payments;
    private final Subscriptions subscriptions;
    private final BillingProfiles profiles;
    private final BillingContacts contacts;
    private final TenantTransactions transactions;
    private final java.time.Clock clock;

    BillingController(ConnectingStripeAccounts connecting, TakingPayments taking, Payments payments,
                      Subscriptions subscriptions, BillingProfiles profiles, BillingContacts contacts,
                      TenantTransactions transactions, java.time.Clock clock) {
        this.connecting = connecting;
        this.taking = taking;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.profiles = profiles;
        this.contacts = contacts;
        this.transactions = transactions;
        this.clock = clock;
    }

    // ---- connected account ----

    @GetMapping("/connected-account")
    @RequiredScope(Scope.BILLING_READ)
    @Operation(operationId = "getConnectedAccount", summary = "The tenant's Stripe connected account: charges and payouts enabled, requirements due, capabilities")
    AccountView account(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return AccountView.of(connecting.require(tenantId));
    }

    @PostMapping("/connected-account")
    @RequiredScope(Scope.BILLING_WRITE)
    @ApiResponse(responseCode = "200", description = "The tenant already has an account")
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "createConnectedAccount", summary = "Create the tenant's Express account (card_payments and transfers requested); 200 with the existing one if it has one")
    ResponseEntity<AccountView> createAccount(@PathVariable UUID tenantId, @Valid @RequestBody CreateAccountRequest body) {
        TenantAccess.require().requireAdmin();
        ConnectingStripeAccounts.Created created = stripe(() -> connecting.create(tenantId, body.country(), body.email()));
        return ResponseEntity.status(created.existed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/tenants/" + tenantId + "/billing/connected-account"))
                .body(AccountView.of(created.account()));
    }

    @PostMapping("/connected-account/sync")
    @RequiredScope(Scope.BILLING_WRITE)
    @Operation(operationId = "syncConnectedAccount", summary = "Read the account from Stripe now and keep its state")
    AccountView sync(@PathVariable UUID tenantId) {
        TenantAccess.require().requireWrite();
        return AccountView.of(stripe(() -> connecting.sync(tenantId)));
    }

    @PostMapping("/connected-account/onboarding-links")
    @RequiredScope(Scope.BILLING_WRITE)
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "createOnboardingLink", summary = "A new single-use onboarding link (expires within minutes; its refresh URL makes a new one)")
    ResponseEntity<OnboardingLinkView> onboardingLink(@PathVariable UUID tenantId) {
        TenantAccess.require().requireAdmin();
        AccountLink link = stripe(() -> connecting.onboardingLink(tenantId));
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(new OnboardingLinkView(link.url().toString(), link.expiresAt()));
    }

    // ---- payments ----

    @PostMapping("/payments")
    @RequiredScope(Scope.BILLING_WRITE)
    @ApiResponse(responseCode = "201", description = "Created (or, for a repeated Idempotency-Key, the same PaymentIntent again)")
    @Operation(operationId = "createPayment", summary = "A PaymentIntent on the connected account with the platform's application fee; "
            + "the same Idempotency-Key gets the same PaymentIntent")
    ResponseEntity<CreatedPaymentView> createPayment(@PathVariable UUID tenantId,
            @Valid @RequestBody CreatePaymentRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) @Pattern(regexp = KEY) String key) {
        TenantAccess.require().requireWrite();
        TakingPayments.Taken taken = stripe(() -> taking.create(tenantId, body.amount(), body.currency(),
                body.description(), key));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/tenants/" + tenantId + "/billing/payments/" + taken.payment().paymentIntentId()))
                .header("Cache-Control", "no-store")
                .body(new CreatedPaymentView(PaymentView.of(taken.payment()), taken.clientSecret(), taken.feePercent()));
    }

    @GetMapping("/payments")
    @RequiredScope(Scope.BILLING_READ)
    @Operation(operationId = "listPayments", summary = "The tenant's payments, newest first, cursor-paginated")
    PaymentPage payments(@PathVariable UUID tenantId,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                         @RequestParam(required = false) @Size(max = 400) String cursor) {
        TenantAccess.require();
        Instant beforeAt = null;
        String beforeId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
                beforeAt = Instant.parse(parts[0]);
                beforeId = parts[1];
            } catch (RuntimeException e) {
                throw ApiProblem.badRequest("invalid_cursor", "The cursor is not one this API gave");
            }
        }
        Instant at = beforeAt;
        String id = beforeId;
        List<Payment> page = transactions.readInTenant(tenantId, () -> payments.page(tenantId, at, id, limit + 1));
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Payment last = page.get(limit - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "\n"
                    + last.paymentIntentId()).getBytes(StandardCharsets.UTF_8));
        }
        return new PaymentPage(page.stream().map(PaymentView::of).toList(), next);
    }

    @GetMapping("/payments/{paymentId}")
    @RequiredScope(Scope.BILLING_READ)
    @Operation(operationId = "getPayment", summary = "One payment (a PaymentIntent id, pi_…)")
    PaymentView payment(@PathVariable UUID tenantId, @PathVariable String paymentId) {
        TenantAccess.require();
        if (!paymentId.matches(PAYMENT_ID)) {
            throw ApiProblem.badRequest("invalid_parameter", "paymentId must be a PaymentIntent id (pi_…)");
        }
        return transactions.readInTenant(tenantId, () -> payments.find(tenantId, paymentId)).map(PaymentView::of)
                .orElseThrow(() -> ApiProblem.notFound("payment_not_found", "No such payment"));
    }

    // ---- subscription and profile ----

    @GetMapping("/subscription")
    @RequiredScope(Scope.BILLING_READ)
    @Operation(operationId = "getSubscription", summary = "The tenant's subscription: status (active, past_due), period, failed attempts")
    SubscriptionView subscription(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> subscriptions.find(tenantId)).map(SubscriptionView::of)
                .orElseThrow(() -> ApiProblem.notFound("subscription_not_found", "The tenant has no subscription yet"));
    }

    @GetMapping("/profile")
    @RequiredScope(Scope.BILLING_READ)
    @Operation(operationId = "getBillingProfile", summary = "The billing profile: the billing email, and who is told about failed payments")
    ProfileView profile(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> new ProfileView(
                profiles.billingEmail(tenantId).orElse(null), contacts.of(tenantId)));
    }

    @PutMapping("/profile")
    @RequiredScope(Scope.BILLING_WRITE)
    @Operation(operationId = "updateBillingProfile", summary = "Set (or, with null, clear) the billing email that replaces the owners and admins as billing contacts")
    ProfileView setProfile(@PathVariable UUID tenantId, @Valid @RequestBody ProfileRequest body) {
        TenantAccess.require().requireAdmin();
        String email = body.billingEmail() == null || body.billingEmail().isBlank() ? null : body.billingEmail().strip();
        return transactions.inTenant(tenantId, () -> {
            profiles.setBillingEmail(tenantId, email, clock.instant());
            return new ProfileView(profiles.billingEmail(tenantId).orElse(null), contacts.of(tenantId));
        });
    }

    /** Stripe's refusals become problems: not configured 409, refused input 422, unreachable 502. */
    static <T> T stripe(Supplier<T> call) {
        try {
            return call.get();
        } catch (StripeNotConfigured e) {
            throw ApiProblem.conflict("stripe_not_configured", e.getMessage());
        } catch (StripeCallFailed e) {
            if (e.refusedData()) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "stripe_refused", e.getMessage());
            }
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "stripe_unavailable", "Stripe could not be reached or failed; try again")
                    .with("stripeStatus", Optional.ofNullable(e.status()).map(Object::toString).orElse(null));
        }
    }
}
