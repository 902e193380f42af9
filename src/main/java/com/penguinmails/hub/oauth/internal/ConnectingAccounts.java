package com.penguinmails.hub.oauth.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.AuditActor;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditEntry;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;

/**
 * The authorisation-code flow (RFC 6749 with PKCE S256, RFC 9700). Starting it stores a random
 * state (its SHA-256 only), the sealed PKCE verifier and the hash of a binding cookie given to the
 * user's browser, for {@code hub.oauth.state-ttl}; the callback spends the state once, checks it belongs to this
 * provider, is fresh and comes back to the same browser, exchanges the code, reads who the account
 * is and stores its sealed tokens.
 */
@Service
class ConnectingAccounts {

    private static final Logger log = LoggerFactory.getLogger(ConnectingAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String STATES = "oauth_states";

    /** A started authorisation: where to send the user, and the browser-binding cookie to set. */
    record Started(URI authorizationUrl, Instant expiresAt, String browserBinding) {

        @Override
        public String toString() {
            return "Started[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * How a callback ended: connected (with the connection) or an error code for the console; {@code detail}
     * is the provider's own error text when the provider answered with an error.
     */
    record Outcome(String provider, UUID tenantId, UUID connectionId, String accountEmail, String error,
                   String detail) {

        static Outcome failed(String provider, UUID tenantId, String error) {
            return new Outcome(provider, tenantId, null, null, error, null);
        }

        boolean connected() {
            return error == null;
        }
    }

    /** What the provider sent back to the redirect URI. */
    record Callback(String code, String state, String error, String errorDescription, String browserBinding) {

        @Override
        public String toString() {
            return "Callback[error=" + error + "]";
        }
    }

    private final OAuthClients clients;
    private final OAuthStates states;
    private final Connections connections;
    private final TokenEndpoint endpoint;
    private final Keyring keyring;
    private final TenantTransactions transactions;
    private final IntegrationRegistry registry;
    private final AuditLog audit;
    private final OAuthProperties properties;
    private final Clock clock;

    ConnectingAccounts(OAuthClients clients, OAuthStates states, Connections connections, TokenEndpoint endpoint,
                       Keyring keyring, TenantTransactions transactions, IntegrationRegistry registry, AuditLog audit,
                       OAuthProperties properties, Clock clock) {
        this.clients = clients;
        this.states = states;
        this.connections = connections;
        this.endpoint = endpoint;
        this.keyring = keyring;
        this.transactions = transactions;
        this.registry = registry;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts connecting an account of {@code provider} for the signed-in user; {@code browserBinding}
     * is the binding cookie the browser already has, if any (kept, so parallel flows in one browser work).
     */
    Started start(UUID tenantId, UUID userId, String provider, UUID integrationId, String browserBinding) {
        OAuthClients.Client client = clients.forProvider(tenantId, provider, integrationId);
        String state = random();
        String binding = browserBinding != null && browserBinding.matches("[A-Za-z0-9_-]{43}") ? browserBinding : random();
        CodeVerifier verifier = new CodeVerifier();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(properties.stateTtl());
        transactions.inTenant(tenantId, () -> states.insert(tenantId, id, sha256(state), sha256(binding), userId,
                client.integrationId(), client.name(),
                keyring.seal(new SecretContext(tenantId, STATES, id, "code_verifier"), verifier.getValue()), now, expires));
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), new ClientID(client.clientId()))
                .endpointURI(client.authorizationUri())
                .redirectionURI(client.redirectUri())
                .scope(new Scope(client.scopes().toArray(String[]::new)))
                .state(new State(state))
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        client.settings().authorizationParameters().forEach(request::customParameter);
        return new Started(request.build().toURI(), expires, binding);
    }

    /** Handles the provider's redirect; never throws for anything the provider or the browser sent. */
    Outcome finish(String provider, Callback callback) {
        if (callback.state() == null || callback.state().isBlank() || callback.state().length() > 200) {
            return Outcome.failed(provider, null, "invalid_state");
        }
        Instant now = clock.instant();
        var spent = transactions.inCurrentScope(() -> states.spend(sha256(callback.state()), now));
        if (spent.isEmpty()) {
            log.warn("OAuth callback for {} with an unknown or already used state", provider);
            return Outcome.failed(provider, null, "invalid_state");
        }
        UUID tenantId = spent.get().tenantId();
        OAuthStates.Pending pending = transactions.readInTenant(tenantId,
                () -> states.find(tenantId, spent.get().id())).orElseThrow();
        if (!pending.provider().equalsIgnoreCase(provider)) {
            return Outcome.failed(provider, tenantId, "invalid_state");
        }
        if (!pending.expiresAt().isAfter(now)) {
            return Outcome.failed(provider, tenantId, "state_expired");
        }
        if (callback.browserBinding() == null
                || !MessageDigest.isEqual(pending.browserHash(), sha256(callback.browserBinding()))) {
            return Outcome.failed(provider, tenantId, "state_not_bound");
        }
        if (callback.error() != null) {
            String error = callback.error().matches("[a-z_]{1,60}") ? callback.error() : "provider_error";
            log.info("OAuth provider {} answered the authorisation of tenant {} with {}", provider, tenantId, error);
            return new Outcome(provider, tenantId, null, null, error,
                    providerText(callback.error(), callback.errorDescription()));
        }
        if (callback.code() == null || callback.code().isBlank()) {
            return Outcome.failed(provider, tenantId, "missing_code");
        }
        OAuthClients.Client client;
        try {
            client = clients.forProvider(tenantId, provider, pending.integrationId());
        } catch (ApiProblem e) {
            return Outcome.failed(provider, tenantId, "integration_unavailable");
        }
        String verifier = keyring.open(new SecretContext(tenantId, STATES, pending.id(), "code_verifier"),
                pending.codeVerifier());
        TokenEndpoint.Issued issued;
        TokenEndpoint.Identity identity;
        try {
            issued = endpoint.exchange(client, callback.code(), verifier);
            identity = endpoint.identity(client, issued.accessToken());
        } catch (TokenEndpoint.Refused e) {
            log.warn("OAuth provider {} refused the code exchange of tenant {}: {}", provider, tenantId, e.error);
            return Outcome.failed(provider, tenantId, "token_exchange_failed");
        } catch (ProviderCallFailed e) {
            log.warn("OAuth code exchange with {} for tenant {} failed: {}", provider, tenantId, e.error().type().value());
            return Outcome.failed(provider, tenantId, "provider_unavailable");
        }
        Stored stored = store(client, pending, issued, identity);
        UUID connectionId = stored.id();
        if (stored.replacedRefreshToken() != null) {
            revokeReplaced(client, connectionId, stored.replacedRefreshToken());
        }
        if (registry.find(tenantId, client.integrationId()).map(i -> i.status() == IntegrationStatus.ERROR).orElse(false)) {
            try {
                registry.changeStatus(tenantId, client.integrationId(), IntegrationStatus.ACTIVE,
                        StatusChanger.HEALTH_CHECK, "OAuth account connected again");
            } catch (RuntimeException e) {
                log.debug("Integration {} stays in error: {}", client.integrationId(), e.getMessage());
            }
        }
        return new Outcome(provider, tenantId, connectionId, identity.email(), null, null);
    }

    /** A stored connection, and the refresh token of the grant it replaced when that grant is to be revoked. */
    private record Stored(UUID id, String replacedRefreshToken) {

        @Override
        public String toString() {
            return "Stored[" + id + "]";
        }
    }

    /**
     * Connecting the same account (same subject) again replaces its grant: the new tokens are stored and
     * the replaced grant's refresh token is answered for revocation when the provider issued a new one,
     * unless the provider keeps one grant per account and client (revoking the old token would end the new).
     */
    private Stored store(OAuthClients.Client client, OAuthStates.Pending pending, TokenEndpoint.Issued issued,
                         TokenEndpoint.Identity identity) {
        UUID tenantId = pending.tenantId();
        Instant now = clock.instant();
        return transactions.inTenant(tenantId, () -> {
            var existing = connections.bySubject(tenantId, client.integrationId(), identity.subject());
            UUID id = existing.map(Connections.Connection::id).orElseGet(UUID::randomUUID);
            String replaced = null;
            if (existing.isPresent() && existing.get().refreshToken() != null && issued.refreshToken() != null
                    && !client.settings().oneGrantPerAccount()) {
                String old = keyring.open(KeepingTokensFresh.context(tenantId, id, "refresh_token"),
                        existing.get().refreshToken());
                replaced = old.equals(issued.refreshToken()) ? null : old;
            }
            String replacedRefreshToken = replaced;
            Connections.Tokens tokens = new Connections.Tokens(
                    keyring.seal(KeepingTokensFresh.context(tenantId, id, "access_token"), issued.accessToken()),
                    issued.refreshToken() == null ? null
                            : keyring.seal(KeepingTokensFresh.context(tenantId, id, "refresh_token"), issued.refreshToken()),
                    issued.expiresAt(), issued.scopes());
            if (existing.isPresent()) {
                connections.reconnect(tenantId, id, identity.email(), tokens, pending.userId(), now);
            } else {
                connections.insert(tenantId, id, client.integrationId(), client.name(), identity.subject(),
                        identity.email(), tokens, pending.userId(), now);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", client.name());
            details.put("integrationId", client.integrationId().toString());
            details.put("scopes", issued.scopes());
            details.put("reconnected", existing.isPresent());
            AuditEntry entry = audit.forRequest(tenantId, "oauth.connected");
            audit.record(new AuditEntry(tenantId, AuditActor.user(pending.userId()), entry.action(), "oauth_connection",
                    id.toString(), AuditChanges.none().field("accountEmail",
                            existing.map(Connections.Connection::accountEmail).orElse(null), identity.email())
                    .secret("accessToken").secret("refreshToken"), details, entry.clientAddress(), entry.userAgent(),
                    entry.requestId()));
            return new Stored(id, replacedRefreshToken);
        });
    }

    /** Revokes the grant a reconnection replaced, after the new one is stored; a failure is logged. */
    private void revokeReplaced(OAuthClients.Client client, UUID connectionId, String refreshToken) {
        try {
            if (endpoint.revoke(client, refreshToken)) {
                log.info("Revoked the grant that reconnecting OAuth connection {} replaced", connectionId);
            }
        } catch (ProviderCallFailed e) {
            log.warn("Revoking the grant that reconnecting OAuth connection {} replaced failed at {} ({})",
                    connectionId, client.name(), e.error().type().value());
        }
    }

    /**
     * The provider's error code and description as one line for the result page: control characters
     * dropped, at most 300 characters (it is shown as text, escaped, never as markup).
     */
    static String providerText(String error, String description) {
        String text = description == null || description.isBlank() ? error : error + ": " + description;
        text = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 299) + "…";
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
