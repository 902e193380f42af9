package com.penguinmails.hub.oauth.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the OAuth module, bound from {@code hub.oauth.*}.
 *
 * @param stateTtl            how long a started authorisation may take (the state expires after it)
 * @param refreshAhead        refresh access tokens expiring within this
 * @param idleRefresh         also refresh connections not refreshed for this long (keeps refresh tokens alive)
 * @param refreshInterval     how often each node's refresh job looks for due connections
 * @param refreshInitialDelay how long after start-up a node first looks
 * @param refreshBatchSize    connections one pass refreshes at most
 * @param refreshConcurrency  connections refreshed at once per node
 * @param refreshLease        how long a node holds a connection's refresh lock (a crashed node's lock ends then)
 * @param failureCooldown     after a failed refresh, how long before the job tries that connection again
 * @param maxRefreshFailures  failed refreshes in a row after which the connection is expired
 * @param consolePath         the path of the hub's page the callback sends the browser to (it shows the outcome)
 * @param importPageSize      contacts asked for per page
 * @param importPollInterval  how often each node looks for pending contact imports
 * @param importLease         how long a node holds an import before another may resume it
 * @param providers           per provider name: endpoints and quirks; {@code google}, {@code microsoft} and
 *                            {@code hubspot} have built-in defaults (the real endpoints), others are
 *                            defined here entirely
 */
@ConfigurationProperties("hub.oauth")
public record OAuthProperties(
        @DefaultValue("10m") Duration stateTtl,
        @DefaultValue("15m") Duration refreshAhead,
        @DefaultValue("1d") Duration idleRefresh,
        @DefaultValue("1m") Duration refreshInterval,
        @DefaultValue("30s") Duration refreshInitialDelay,
        @DefaultValue("100") int refreshBatchSize,
        @DefaultValue("8") int refreshConcurrency,
        @DefaultValue("60s") Duration refreshLease,
        @DefaultValue("5m") Duration failureCooldown,
        @DefaultValue("5") int maxRefreshFailures,
        @DefaultValue("/console/oauth.html") String consolePath,
        @DefaultValue("100") int importPageSize,
        @DefaultValue("5s") Duration importPollInterval,
        @DefaultValue("5m") Duration importLease,
        Map<String, Provider> providers) {

    public OAuthProperties {
        Map<String, Provider> merged = new LinkedHashMap<>(Provider.BUILT_IN);
        if (providers != null) {
            providers.forEach((name, given) -> merged.merge(name.toLowerCase(java.util.Locale.ROOT), given,
                    (builtIn, override) -> override.over(builtIn)));
        }
        merged.replaceAll((name, provider) -> provider.completed(name));
        providers = Map.copyOf(merged);
    }

    /**
     * One OAuth provider. URIs may contain {@code {tenant}} (Microsoft's Entra tenant, from the
     * integration's {@code tenant} field); {@code userInfoUri} may contain {@code {token}} (HubSpot's
     * token-metadata endpoint).
     *
     * @param integrationProvider  the registry provider whose integrations configure it ({@code oauth2} for
     *                             providers defined here: their integration names this one in {@code oauthProvider})
     * @param authorizationUri     the authorisation endpoint
     * @param tokenUri             the token endpoint
     * @param revocationUri        where tokens are revoked; empty when the provider has no revocation
     * @param revocation           {@code rfc7009} (POST token=…), {@code hubspot} (DELETE …/{token}) or {@code none}
     * @param userInfoUri          the account's identity
     * @param subjectField         the account id in the identity document
     * @param emailField           the account's email address in it
     * @param clientAuthentication {@code client_secret_basic} or {@code client_secret_post}
     * @param extraScopes          scopes always requested besides the integration's (Microsoft {@code offline_access})
     * @param authorizationParameters extra authorisation-request parameters (Google {@code access_type=offline})
     * @param mailApi              {@code gmail}, {@code graph} or {@code none}
     * @param mailApiUri           base URI of the mail API
     * @param contactsApi          {@code google-people}, {@code graph}, {@code hubspot} or {@code none}
     * @param contactsApiUri       base URI of the contacts API
     * @param refreshWithScope     whether refresh requests repeat the scopes (Microsoft's v2.0 endpoint asks for them)
     * @param oneGrantPerAccount   whether the provider keeps one grant per account and client, which every consent
     *                             extends and revoking any of its tokens ends (Google): reconnecting an account
     *                             then replaces no grant, and its old refresh token is not revoked (that would end
     *                             the new connection too)
     */
    public record Provider(String integrationProvider, String authorizationUri, String tokenUri, String revocationUri,
                           String revocation, String userInfoUri, String subjectField, String emailField,
                           String clientAuthentication, List<String> extraScopes,
                           Map<String, String> authorizationParameters, String mailApi, String mailApiUri,
                           String contactsApi, String contactsApiUri, Boolean refreshWithScope,
                           Boolean oneGrantPerAccount) {

        static final Map<String, Provider> BUILT_IN = Map.of(
                "google", new Provider("google", "https://accounts.google.com/o/oauth2/v2/auth",
                        "https://oauth2.googleapis.com/token", "https://oauth2.googleapis.com/revoke", "rfc7009",
                        "https://openidconnect.googleapis.com/v1/userinfo", "sub", "email", "client_secret_basic",
                        List.of("openid", "email"),
                        Map.of("access_type", "offline", "prompt", "consent", "include_granted_scopes", "true"),
                        "gmail", "https://gmail.googleapis.com", "google-people", "https://people.googleapis.com", false,
                        true),
                "microsoft", new Provider("microsoft",
                        "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
                        "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token", "", "none",
                        "https://graph.microsoft.com/v1.0/me", "id", "userPrincipalName", "client_secret_post",
                        List.of("offline_access", "User.Read"), Map.of(), "graph", "https://graph.microsoft.com",
                        "graph", "https://graph.microsoft.com", true, false),
                "hubspot", new Provider("hubspot", "https://app.hubspot.com/oauth/authorize",
                        "https://api.hubapi.com/oauth/v1/token", "https://api.hubapi.com/oauth/v1/refresh-tokens",
                        "hubspot", "https://api.hubapi.com/oauth/v1/access-tokens/{token}", "user_id", "user",
                        "client_secret_post", List.of("oauth"), Map.of(), "none", "", "hubspot",
                        "https://api.hubapi.com", false, false));

        /** This provider's settings where given, the built-in ones elsewhere. */
        Provider over(Provider builtIn) {
            return new Provider(or(integrationProvider, builtIn.integrationProvider),
                    or(authorizationUri, builtIn.authorizationUri), or(tokenUri, builtIn.tokenUri),
                    or(revocationUri, builtIn.revocationUri), or(revocation, builtIn.revocation),
                    or(userInfoUri, builtIn.userInfoUri), or(subjectField, builtIn.subjectField),
                    or(emailField, builtIn.emailField), or(clientAuthentication, builtIn.clientAuthentication),
                    extraScopes == null ? builtIn.extraScopes : extraScopes,
                    authorizationParameters == null ? builtIn.authorizationParameters : authorizationParameters,
                    or(mailApi, builtIn.mailApi), or(mailApiUri, builtIn.mailApiUri),
                    or(contactsApi, builtIn.contactsApi), or(contactsApiUri, builtIn.contactsApiUri),
                    refreshWithScope == null ? builtIn.refreshWithScope : refreshWithScope,
                    oneGrantPerAccount == null ? builtIn.oneGrantPerAccount : oneGrantPerAccount);
        }

        /** Defaults for what a configuration-only provider left out. */
        Provider completed(String name) {
            return new Provider(or(integrationProvider, BUILT_IN.containsKey(name) ? name : "oauth2"),
                    authorizationUri, tokenUri, or(revocationUri, ""),
                    or(revocation, revocationUri == null || revocationUri.isBlank() ? "none" : "rfc7009"),
                    userInfoUri, or(subjectField, "sub"), or(emailField, "email"),
                    or(clientAuthentication, "client_secret_basic"), extraScopes == null ? List.of() : extraScopes,
                    authorizationParameters == null ? Map.of() : authorizationParameters, or(mailApi, "none"),
                    or(mailApiUri, ""), or(contactsApi, "none"), or(contactsApiUri, ""),
                    refreshWithScope != null && refreshWithScope, oneGrantPerAccount != null && oneGrantPerAccount);
        }

        private static String or(String value, String fallback) {
            return value == null ? fallback : value;
        }
    }
}
