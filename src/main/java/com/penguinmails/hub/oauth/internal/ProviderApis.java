package com.penguinmails.hub.oauth.internal;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.oauth.OAuthConnections;
import com.penguinmails.hub.oauth.OAuthTokenUnavailable;

/**
 * Calls a provider's API as a connected account, through the gateway. An access token the
 * provider refuses (401: expired early, revoked) is refreshed once, transparently, and the request
 * sent again; a second 401 is the gateway's authentication error.
 */
@Component
class ProviderApis {

    /** The connection a call is made for, with its provider's settings. */
    record Account(OAuthConnections.Connection connection, OAuthProperties.Provider settings) {
    }

    private final OAuthConnections connections;
    private final OAuthClients clients;
    private final ProviderGateway gateway;

    ProviderApis(OAuthConnections connections, OAuthClients clients, ProviderGateway gateway) {
        this.connections = connections;
        this.clients = clients;
        this.gateway = gateway;
    }

    Account account(UUID tenantId, UUID connectionId) {
        OAuthConnections.Connection connection = connections.find(tenantId, connectionId)
                .orElseThrow(() -> new OAuthTokenUnavailable("connection_not_found", "No such OAuth connection"));
        OAuthProperties.Provider settings = clients.provider(connection.provider())
                .orElseThrow(() -> new OAuthTokenUnavailable("connection_not_found",
                        "The connection's provider is no longer configured"));
        return new Account(connection, settings);
    }

    /**
     * Sends {@code request} (built around the access token it is given) as the account; answers
     * 2xx and the {@code accepted} statuses.
     */
    ProviderResponse call(Account account, String operation, Urgency urgency, Function<String, HttpRequest> request,
                          Integer... accepted) {
        OAuthConnections.Connection c = account.connection();
        String token = connections.accessToken(c.tenantId(), c.id());
        Integer[] withUnauthorized = Stream.concat(Arrays.stream(accepted), Stream.of(401)).toArray(Integer[]::new);
        ProviderResponse response = gateway.call(call(account, operation, urgency, request.apply(token))
                .accepting(withUnauthorized));
        if (response.status() != 401 || Arrays.asList(accepted).contains(401)) {
            return response;
        }
        String refreshed = connections.refreshedAccessToken(c.tenantId(), c.id(), token);
        return gateway.call(call(account, operation, urgency, request.apply(refreshed)).accepting(accepted));
    }

    private static ProviderCall call(Account account, String operation, Urgency urgency, HttpRequest request) {
        OAuthConnections.Connection c = account.connection();
        return new ProviderCall(c.tenantId(), c.integrationId(), account.settings().integrationProvider(), operation,
                request, urgency, null);
    }
}
