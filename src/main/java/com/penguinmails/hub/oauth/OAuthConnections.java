package com.penguinmails.hub.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's connected OAuth accounts as other modules use them. Tokens are the hub's secrets:
 * use them for one request to the provider and never log, store or return them.
 */
public interface OAuthConnections {

    /** A connected account, without tokens. {@code status} is {@code active}, {@code expired} or {@code disconnected}. */
    record Connection(UUID tenantId, UUID id, UUID integrationId, String provider, String accountEmail,
                      List<String> scopes, String status, Instant accessExpiresAt) {
    }

    Optional<Connection> find(UUID tenantId, UUID connectionId);

    /**
     * A valid access token for the connection, refreshed first (once across all hub nodes) when it
     * expires within a minute. Call it outside any database transaction: a refresh calls the provider.
     *
     * @throws OAuthTokenUnavailable when the connection is unknown, expired or disconnected, or the refresh failed
     */
    String accessToken(UUID tenantId, UUID connectionId);

    /**
     * Like {@link #accessToken} but refreshes even when the stored token looks valid, unless another
     * caller refreshed it since {@code rejected} was handed out: for a token the provider just refused (401).
     */
    String refreshedAccessToken(UUID tenantId, UUID connectionId, String rejected);
}
