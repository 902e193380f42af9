package com.penguinmails.hub.oauth.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;

/**
 * The provider's token, revocation and user-info endpoints. Nimbus builds the requests (client
 * authentication as the provider expects, PKCE verifier) and parses the answers (RFC 6749 errors);
 * the bytes travel through the {@link ProviderGateway} like every other provider call, so the
 * integration's limits, breaker, address policy and error classification apply.
 */
@Component
class TokenEndpoint {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration UNKNOWN_LIFETIME = Duration.ofHours(1);

    /** Tokens as the provider issued them; {@code refreshToken} null = none issued (keep the old one). */
    record Issued(String accessToken, String refreshToken, Instant expiresAt, List<String> scopes) {

        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + ", scopes=" + scopes + ", refreshToken="
                    + (refreshToken == null ? "none" : "new") + "]";
        }
    }

    /** The token endpoint refused the code: an RFC 6749 error code and description (no secrets). */
    static class Refused extends RuntimeException {

        final String error;

        Refused(String error, String description) {
            super(description == null ? error : error + ": " + description, null, false, false);
            this.error = error;
        }
    }

    /** Who the tokens belong to. */
    record Identity(String subject, String email) {
    }

    private final ProviderGateway gateway;
    private final JsonMapper json;
    private final Clock clock;

    TokenEndpoint(ProviderGateway gateway, JsonMapper json, Clock clock) {
        this.gateway = gateway;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Exchanges an authorisation code (with its PKCE verifier). A refusal by the provider (a reused or
     * expired code, a wrong verifier) is a {@link Refused}: it says nothing about the integration's
     * health, so it does not put the integration in error.
     */
    Issued exchange(OAuthClients.Client client, String code, String verifier) {
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), client.redirectUri(),
                new CodeVerifier(verifier));
        ProviderResponse response = send(client, "oauth.token.exchange", tokenRequest(client, grant),
                Urgency.CALLER_FACING, true);
        return parse(response, client);
    }

    /**
     * Redeems a refresh token. Failures throw the gateway's {@link ProviderCallFailed}: an
     * {@code invalid_grant} is an {@code authentication_error} (the grant is dead).
     */
    Issued refresh(OAuthClients.Client client, String refreshToken) {
        AuthorizationGrant grant = new RefreshTokenGrant(new RefreshToken(refreshToken));
        TokenRequest.Builder request = new TokenRequest.Builder(client.tokenUri(), authentication(client), grant);
        if (Boolean.TRUE.equals(client.settings().refreshWithScope())) {
            request.scope(new com.nimbusds.oauth2.sdk.Scope(client.scopes().toArray(String[]::new)));
        }
        ProviderResponse response = send(client, "oauth.token.refresh", request.build().toHTTPRequest(),
                Urgency.BACKGROUND, false);
        return parse(response, client);
    }

    /** Revokes a token where the provider offers it; false when it offers none. */
    boolean revoke(OAuthClients.Client client, String token) {
        switch (client.settings().revocation()) {
            case "rfc7009" -> {
                TokenRevocationRequest request = new TokenRevocationRequest(client.revocationUri(), authentication(client),
                        new RefreshToken(token));
                send(client, "oauth.token.revoke", request.toHTTPRequest(), Urgency.CALLER_FACING, false);
                return true;
            }
            case "hubspot" -> {
                // HubSpot's own design: DELETE /oauth/v1/refresh-tokens/{token}
                URI uri = URI.create(client.revocationUri() + "/" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                gateway.call(new ProviderCall(client.tenantId(), client.integrationId(), client.integrationProvider(),
                        "oauth.token.revoke", HttpRequest.newBuilder(uri).timeout(TIMEOUT).DELETE().build(),
                        Urgency.CALLER_FACING, null).accepting(404));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The account behind an access token (user-info endpoint). */
    Identity identity(OAuthClients.Client client, String accessToken) {
        if (client.userInfoUri() == null || client.userInfoUri().isBlank()) {
            throw new Refused("userinfo_unavailable", "The provider has no user-info endpoint configured");
        }
        HttpRequest.Builder request;
        if (client.userInfoUri().contains("{token}")) {
            request = HttpRequest.newBuilder(URI.create(client.userInfoUri().replace("{token}",
                    URLEncoder.encode(accessToken, StandardCharsets.UTF_8))));
        } else {
            request = HttpRequest.newBuilder(URI.create(client.userInfoUri()))
                    .header("Authorization", "Bearer " + accessToken);
        }
        ProviderResponse response = gateway.call(new ProviderCall(client.tenantId(), client.integrationId(),
                client.integrationProvider(), "oauth.userinfo", request.header("Accept", "application/json")
                .timeout(TIMEOUT).GET().build(), Urgency.CALLER_FACING, null));
        JsonNode body = json.readTree(response.bodyText());
        String subject = text(body.path(client.settings().subjectField()));
        if (subject == null) {
            throw new Refused("userinfo_invalid", "The user-info answer has no '" + client.settings().subjectField() + "'");
        }
        return new Identity(subject, text(body.path(client.settings().emailField())));
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private HTTPRequest tokenRequest(OAuthClients.Client client, AuthorizationGrant grant) {
        return new TokenRequest.Builder(client.tokenUri(), authentication(client), grant).build().toHTTPRequest();
    }

    private static ClientAuthentication authentication(OAuthClients.Client client) {
        ClientID id = new ClientID(client.clientId());
        Secret secret = new Secret(client.clientSecret());
        return client.postsClientSecret() ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }

    @SuppressWarnings("unchecked")
    private ProviderResponse send(OAuthClients.Client client, String operation, HTTPRequest nimbus, Urgency urgency,
                                  boolean acceptRefusals) {
        HttpRequest.Builder request = HttpRequest.newBuilder(nimbus.getURI()).timeout(TIMEOUT);
        ((Map<String, List<String>>) nimbus.getHeaderMap()).forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        request.header("Accept", "application/json");
        String body = nimbus.getBody();
        request.method(nimbus.getMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        ProviderCall call = new ProviderCall(client.tenantId(), client.integrationId(), client.integrationProvider(),
                operation, request.build(), urgency, null);
        return gateway.call(acceptRefusals ? call.accepting(400, 401) : call);
    }

    private Issued parse(ProviderResponse response, OAuthClients.Client client) {
        try {
            HTTPResponse http = new HTTPResponse(response.status());
            String contentType = response.header("Content-Type");
            http.setContentType(contentType == null ? "application/json" : contentType);
            http.setBody(response.bodyText());
            TokenResponse parsed = TokenResponse.parse(http);
            if (!parsed.indicatesSuccess()) {
                ErrorObject error = parsed.toErrorResponse().getErrorObject();
                throw new Refused(error.getCode() == null ? "invalid_response" : error.getCode(), error.getDescription());
            }
            Tokens tokens = parsed.toSuccessResponse().getTokens();
            AccessToken access = tokens.getAccessToken();
            long lifetime = access.getLifetime();
            Instant expiresAt = clock.instant().plus(lifetime > 0 ? Duration.ofSeconds(lifetime) : UNKNOWN_LIFETIME);
            List<String> scopes = access.getScope() == null ? client.scopes() : access.getScope().toStringList();
            return new Issued(access.getValue(), Optional.ofNullable(tokens.getRefreshToken())
                    .map(RefreshToken::getValue).orElse(null), expiresAt, scopes);
        } catch (ParseException e) {
            throw new ProviderCallFailed(new IntegrationError(ErrorType.DATA, "The token endpoint's answer is not an"
                    + " OAuth 2.0 token response", false, null, UUID.randomUUID().toString(), response.status()));
        }
    }
}
