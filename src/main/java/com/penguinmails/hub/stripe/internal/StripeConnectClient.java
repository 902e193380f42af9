package com.penguinmails.hub.stripe.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.stripe.net.FormEncoder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.stripe.AccountLink;
import com.penguinmails.hub.stripe.StripeAccount;
import com.penguinmails.hub.stripe.StripeApi;
import com.penguinmails.hub.stripe.StripeCallFailed;
import com.penguinmails.hub.stripe.StripeNotConfigured;
import com.penguinmails.hub.stripe.StripePaymentIntent;

/**
 * Stripe Connect v1 over the gateway: bodies are {@code application/x-www-form-urlencoded} as
 * stripe-java's own {@link FormEncoder} writes them (nested maps become
 * {@code capabilities[card_payments][requested]=true}), authenticated with {@code Bearer sk_…}.
 */
@Component
class StripeConnectClient implements StripeApi {

    private final ProviderGateway gateway;
    private final IntegrationRegistry registry;
    private final StripeProperties properties;
    private final JsonMapper json;

    StripeConnectClient(ProviderGateway gateway, IntegrationRegistry registry, StripeProperties properties,
                        JsonMapper json) {
        this.gateway = gateway;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
    }

    /** Which key a tenant's calls use: its integration's (with its id, for the gateway's limits), or the platform's. */
    private record Access(UUID integrationId, String secretKey, Object feePercent) {
        @Override
        public String toString() {
            return "Access[" + (integrationId == null ? "platform" : integrationId) + "]";
        }
    }

    @Override
    public StripeAccount createExpressAccount(UUID tenantId, String country, String email) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("type", "express");
        form.put("country", country);
        form.put("email", email);
        form.put("capabilities", Map.of(
                "card_payments", Map.of("requested", true),
                "transfers", Map.of("requested", true)));
        form.put("metadata", Map.of(com.penguinmails.hub.stripe.StripeEvent.TENANT_METADATA, tenantId.toString()));
        String key = "hub-account-" + tenantId + "-" + sha256(country + "\n" + email.toLowerCase()).substring(0, 16);
        JsonNode account = post(tenantId, "stripe.accounts.create", "/v1/accounts", form, null, key);
        return StripeAccount.from(account);
    }

    @Override
    public StripeAccount retrieveAccount(UUID tenantId, String accountId) {
        Access access = access(tenantId);
        HttpRequest request = base(access, "/v1/accounts/" + URLEncoder.encode(accountId, StandardCharsets.UTF_8), null)
                .GET().build();
        return StripeAccount.from(send(tenantId, access, "stripe.accounts.retrieve", request, null));
    }

    @Override
    public AccountLink createOnboardingLink(UUID tenantId, String accountId, URI refreshUrl, URI returnUrl) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("account", accountId);
        form.put("refresh_url", refreshUrl.toString());
        form.put("return_url", returnUrl.toString());
        form.put("type", "account_onboarding");
        form.put("collect", "eventually_due");
        // a new link each time: the gateway makes a fresh key, kept across its own retries
        JsonNode link = post(tenantId, "stripe.account_links.create", "/v1/account_links", form, null, null);
        JsonNode expires = link.get("expires_at");
        return new AccountLink(URI.create(link.path("url").asString("")),
                expires != null && expires.isIntegralNumber() ? Instant.ofEpochSecond(expires.asLong()) : null);
    }

    @Override
    public StripePaymentIntent createPaymentIntent(UUID tenantId, PaymentIntentRequest request, String idempotencyKey) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("amount", request.amount());
        form.put("currency", request.currency());
        form.put("application_fee_amount", request.applicationFeeAmount());
        form.put("automatic_payment_methods", Map.of("enabled", true));
        if (request.description() != null) {
            form.put("description", request.description());
        }
        Map<String, Object> metadata = new LinkedHashMap<>(request.metadata());
        metadata.put(com.penguinmails.hub.stripe.StripeEvent.TENANT_METADATA, tenantId.toString());
        form.put("metadata", metadata);
        JsonNode intent = post(tenantId, "stripe.payment_intents.create", "/v1/payment_intents", form,
                request.connectedAccountId(), idempotencyKey);
        return StripePaymentIntent.from(intent);
    }

    @Override
    public BigDecimal applicationFeePercent(UUID tenantId) {
        Object configured = tenantIntegration(tenantId).map(i -> i.configuration().get("applicationFeePercent"))
                .orElse(null);
        if (configured == null) {
            return properties.applicationFeePercent();
        }
        return new BigDecimal(configured.toString());
    }

    private JsonNode post(UUID tenantId, String operation, String path, Map<String, Object> form, String stripeAccount,
                         String idempotencyKey) {
        Access access = access(tenantId);
        HttpRequest request = base(access, path, stripeAccount)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoder.createQueryString(form), StandardCharsets.UTF_8))
                .build();
        return send(tenantId, access, operation, request, idempotencyKey);
    }

    private HttpRequest.Builder base(Access access, String path, String stripeAccount) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(properties.baseUrl().resolve(path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + access.secretKey())
                .header("Accept", "application/json");
        if (stripeAccount != null) {
            builder.header("Stripe-Account", stripeAccount);
        }
        if (properties.apiVersion() != null && !properties.apiVersion().isBlank()) {
            builder.header("Stripe-Version", properties.apiVersion());
        }
        return builder;
    }

    private JsonNode send(UUID tenantId, Access access, String operation, HttpRequest request, String idempotencyKey) {
        try {
            ProviderResponse response = gateway.call(new ProviderCall(tenantId, access.integrationId(), "stripe",
                    operation, request, Urgency.CALLER_FACING, idempotencyKey));
            return json.readTree(response.body());
        } catch (ProviderCallFailed failed) {
            var error = failed.error();
            boolean refusedData = error.type() == ErrorType.DATA
                    || (error.httpStatus() != null && error.httpStatus() >= 400 && error.httpStatus() < 500
                    && error.type() != ErrorType.AUTHENTICATION && error.type() != ErrorType.AUTHORIZATION
                    && error.type() != ErrorType.RATE_LIMIT && error.type() != ErrorType.CONFIGURATION);
            throw new StripeCallFailed(error.message(), error.httpStatus(), refusedData);
        }
    }

    private Access access(UUID tenantId) {
        Optional<IntegrationRef> integration = tenantIntegration(tenantId);
        if (integration.isPresent()) {
            String key = registry.credentials(tenantId, integration.get().id()).get("secretKey");
            if (key != null && !key.isBlank()) {
                return new Access(integration.get().id(), key, integration.get().configuration().get("applicationFeePercent"));
            }
        }
        if (properties.secretKey() == null || properties.secretKey().isBlank()) {
            throw new StripeNotConfigured("The tenant has no active stripe integration and the platform has no Stripe key");
        }
        return new Access(null, properties.secretKey(), null);
    }

    /** The tenant's usable stripe integration, an active one first. */
    private Optional<IntegrationRef> tenantIntegration(UUID tenantId) {
        return registry.byProvider(tenantId, "stripe").stream()
                .filter(i -> i.status() != IntegrationStatus.INACTIVE && i.status() != IntegrationStatus.DEPRECATED)
                .min(Comparator.comparing((IntegrationRef i) -> i.status() != IntegrationStatus.ACTIVE)
                        .thenComparing(i -> i.id().toString()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
