package com.penguinmails.hub.integration.internal;

import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.AuthenticationMethod;
import com.penguinmails.hub.integration.IntegrationCategory;

import static com.penguinmails.hub.integration.IntegrationCategory.ANALYTICS;
import static com.penguinmails.hub.integration.IntegrationCategory.COMMUNICATION;
import static com.penguinmails.hub.integration.IntegrationCategory.CRM;
import static com.penguinmails.hub.integration.IntegrationCategory.EMAIL_SERVICE;
import static com.penguinmails.hub.integration.IntegrationCategory.MARKETING_AUTOMATION;
import static com.penguinmails.hub.integration.IntegrationCategory.PAYMENT_PROCESSOR;
import static com.penguinmails.hub.integration.IntegrationCategory.STORAGE;
import static com.penguinmails.hub.integration.internal.FieldSpec.HOSTNAME;
import static com.penguinmails.hub.integration.internal.FieldSpec.HTTPS_URL;
import static com.penguinmails.hub.integration.internal.FieldSpec.matches;
import static com.penguinmails.hub.integration.internal.FieldSpec.oneOf;
import static com.penguinmails.hub.integration.internal.FieldSpec.secret;
import static com.penguinmails.hub.integration.internal.FieldSpec.text;

/** The providers the hub knows, with their configuration rules (docs/PROVIDERS.md has the protocols). */
@Component
class ProviderCatalog {

    private final Map<String, ProviderSchema> schemas = new TreeMap<>();

    ProviderCatalog() {
        register(new ProviderSchema("mailgun", EnumSet.of(EMAIL_SERVICE), AuthenticationMethod.API_KEY, List.of(
                secret("apiKey", true, matches("[A-Za-z0-9_-]{16,200}", "must be a Mailgun API key"),
                        "private API key or domain sending key (HTTP Basic password)"),
                text("domain", true, HOSTNAME, "the sending domain"),
                secret("webhookSigningKey", true, matches("[A-Za-z0-9_-]{16,200}", "must be a Mailgun webhook signing key"),
                        "HMAC key that signs Mailgun webhooks"),
                text("region", false, oneOf("US", "EU"), "US (api.mailgun.net) or EU (api.eu.mailgun.net)")
                        .withDefault("US")),
                (configuration, rateLimits) -> {
                    List<Map.Entry<String, String>> problems = new ArrayList<>();
                    if (rateLimits.requestsPerMinute() == null) {
                        problems.add(Map.entry("rateLimits.requestsPerMinute", "is required for Mailgun"));
                    }
                    if (rateLimits.requestsPerHour() == null) {
                        problems.add(Map.entry("rateLimits.requestsPerHour", "is required for Mailgun"));
                    }
                    return problems;
                }));
        register(new ProviderSchema("sendgrid", EnumSet.of(EMAIL_SERVICE), AuthenticationMethod.API_KEY, List.of(
                secret("apiKey", true, matches("SG\\.[A-Za-z0-9_-]{8,100}\\.[A-Za-z0-9_-]{8,200}",
                        "must be a SendGrid API key (SG.xxx.yyy)"), "Bearer API key"),
                text("eventWebhookPublicKey", true, ProviderCatalog::ecPublicKey,
                        "base64 ECDSA public key that verifies the Signed Event Webhook"),
                text("ipPool", false, matches("[A-Za-z0-9_.-]{1,64}", "must be an IP pool name"), "optional IP pool"),
                text("subuser", false, matches("[A-Za-z0-9_.@-]{1,64}", "must be a subuser name"),
                        "optional subuser (on-behalf-of)")),
                ProviderSchema.CrossCheck.NONE));
        register(new ProviderSchema("stripe", EnumSet.of(PAYMENT_PROCESSOR), AuthenticationMethod.API_KEY, List.of(
                text("publishableKey", true, matches("pk_(test|live)_[A-Za-z0-9]{8,247}", "must be a Stripe publishable key"),
                        "pk_test_… or pk_live_…"),
                secret("secretKey", true, matches("(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}",
                        "must be a Stripe secret or restricted key"), "sk_… or rk_…"),
                new FieldSpec("webhookSecrets", FieldSpec.Kind.SECRET_LIST, true, null,
                        FieldSpec.eachMatches("whsec_[A-Za-z0-9+/=]{8,200}", "must be Stripe webhook secrets (whsec_…)", 1, 2),
                        "one or two (during rotation) endpoint signing secrets"),
                text("connectAccountId", false, matches("acct_[A-Za-z0-9]{6,64}", "must be a Stripe account id (acct_…)"),
                        "a connected account"),
                new FieldSpec("applicationFeePercent", FieldSpec.Kind.NUMBER, false, null, FieldSpec.between(0, 100),
                        "platform fee on connected-account payments")),
                (configuration, rateLimits) -> {
                    Object pk = configuration.get("publishableKey");
                    Object sk = configuration.get("secretKey");
                    if (pk != null && sk != null && pk.toString().contains("_live_") != sk.toString().contains("_live_")) {
                        return List.of(Map.entry("configuration.secretKey", "must be in the same mode (test or live) as the publishable key"));
                    }
                    return List.of();
                }));
        register(new ProviderSchema("posthog", EnumSet.of(ANALYTICS), AuthenticationMethod.API_KEY, List.of(
                text("projectApiKey", true, matches("phc_[A-Za-z0-9]{8,100}", "must be a PostHog project key (phc_…)"),
                        "public project key, sent in capture bodies"),
                text("host", false, HTTPS_URL, "ingestion host").withDefault("https://us.i.posthog.com"),
                secret("personalApiKey", false, matches("phx_[A-Za-z0-9]{8,100}", "must be a PostHog personal key (phx_…)"),
                        "personal API key for the private API (Bearer)"),
                text("projectId", false, matches("[0-9]{1,20}", "must be a numeric project id"), "project id")),
                ProviderSchema.CrossCheck.NONE));
        register(oauth("google", EnumSet.of(EMAIL_SERVICE, COMMUNICATION, STORAGE, ANALYTICS), List.of()));
        register(oauth("microsoft", EnumSet.of(EMAIL_SERVICE, COMMUNICATION, STORAGE), List.of(
                text("tenant", false, matches("common|organizations|consumers|[0-9a-fA-F-]{36}|[a-z0-9.-]{3,253}",
                        "must be common, organizations, consumers, a tenant id or a domain"),
                        "Entra tenant of the authorize and token endpoints").withDefault("common"))));
        register(oauth("hubspot", EnumSet.of(CRM, MARKETING_AUTOMATION), List.of()));
        // any other standards-compliant OAuth 2.0 provider: its endpoints are configuration of the oauth
        // module (hub.oauth.providers.<name>), the integration names it and holds the client
        register(oauth("oauth2", EnumSet.allOf(IntegrationCategory.class), List.of(
                text("oauthProvider", true, matches("[a-z][a-z0-9-]{1,49}", "must be a provider name (a-z, 0-9, -)"),
                        "the provider's name under hub.oauth.providers"))));
        register(new ProviderSchema("custom", EnumSet.allOf(IntegrationCategory.class), AuthenticationMethod.API_KEY,
                List.of(text("baseUrl", true, HTTPS_URL, "the service's API base URL"),
                        secret("apiKey", false, matches(".{8,512}", "must be 8 to 512 characters"), "API key or token"),
                        text("username", false, matches(".{1,200}", "must be 1 to 200 characters"), "Basic-auth user"),
                        secret("password", false, matches(".{1,512}", "must be 1 to 512 characters"), "Basic-auth password"),
                        secret("webhookSecret", false, matches(".{16,512}", "must be 16 to 512 characters"),
                                "HMAC key of the service's webhooks (generic verifier)"),
                        text("webhookSignatureHeader", false, matches("[A-Za-z0-9-]{1,100}", "must be a header name"),
                                "header carrying the signature").withDefault("X-Signature"),
                        text("webhookSignaturePrefix", false, matches(".{1,20}", "must be 1 to 20 characters"),
                                "text before the signature in the header, e.g. sha256="),
                        text("webhookAlgorithm", false, oneOf("hmac-sha256", "hmac-sha512"), "HMAC algorithm")
                                .withDefault("hmac-sha256"),
                        text("webhookEncoding", false, oneOf("hex", "base64"), "signature encoding").withDefault("hex"),
                        text("webhookSignedContent", false, oneOf("body", "timestamp.body", "timestamp+body"),
                                "what is signed: the body, or the timestamp and the body (with a dot, or concatenated)")
                                .withDefault("body"),
                        text("webhookTimestampHeader", false, matches("[A-Za-z0-9-]{1,100}", "must be a header name"),
                                "header carrying the Unix timestamp (required when the timestamp is signed)"),
                        text("webhookEventTypePath", false, matches("[A-Za-z0-9_.-]{1,200}", "must be a dotted path"),
                                "where the event type is in the JSON body").withDefault("type"),
                        text("webhookEventIdPath", false, matches("[A-Za-z0-9_.-]{1,200}", "must be a dotted path"),
                                "where the event id is (a hash of the body when absent)").withDefault("id")),
                (configuration, rateLimits) -> configuration.getOrDefault("webhookSignedContent", "body").toString()
                        .startsWith("timestamp") && !configuration.containsKey("webhookTimestampHeader")
                        ? List.of(Map.entry("configuration.webhookTimestampHeader", "is required when the timestamp is signed"))
                        : List.of()));
    }

    private static ProviderSchema oauth(String provider, Set<IntegrationCategory> categories, List<FieldSpec> extra) {
        List<FieldSpec> fields = new ArrayList<>(List.of(
                text("clientId", true, matches("[^\\s]{4,256}", "must be an OAuth client id"), "OAuth client id"),
                secret("clientSecret", true, matches("[^\\s]{8,512}", "must be an OAuth client secret"), "OAuth client secret"),
                new FieldSpec("scopes", FieldSpec.Kind.LIST, true, null,
                        FieldSpec.eachMatches("[^\\s]{1,300}", "scopes are non-empty strings without spaces", 1, 50),
                        "scopes requested at connect time"),
                text("redirectUri", true, HTTPS_URL, "the exact redirect URI registered with the provider")));
        fields.addAll(extra);
        return new ProviderSchema(provider, categories, AuthenticationMethod.OAUTH2, fields, ProviderSchema.CrossCheck.NONE);
    }

    private void register(ProviderSchema schema) {
        schemas.put(schema.provider(), schema);
    }

    Optional<ProviderSchema> schema(String provider) {
        return Optional.ofNullable(schemas.get(provider));
    }

    Set<String> providers() {
        return schemas.keySet();
    }

    private static Optional<String> ecPublicKey(Object value) {
        try {
            byte[] der = Base64.getDecoder().decode(value.toString().strip());
            KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("must be the base64 ECDSA public key SendGrid shows for the Signed Event Webhook");
        }
    }
}
