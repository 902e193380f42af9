package com.penguinmails.hub.oauth;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (in the transaction that marks it) when a connection can no longer be refreshed: the
 * provider refused the grant ({@code invalid_grant}: revoked, expired, password changed) or refreshes
 * failed too often. The user must connect the account again. Outbound webhooks announce it as
 * {@code oauth.connection_expired}.
 */
public record OAuthConnectionExpired(UUID tenantId, UUID connectionId, UUID integrationId, String provider,
                                     String accountEmail, String reason, Instant at) {
}
