package com.penguinmails.hub.oauth;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (in the transaction that marks it) when a connection can no longer be refreshed: the
 * provider refused the grant ({@code invalid_grant}: revoked, expired, password changed) or refreshes
 * failed too often. The user must connect the account again. Outbound webhooks announce it as
 * {@code oauth.connection_expired}; the monitoring module raises a {@code credential} alert from it.
 *
 * @param message    the sentence for the tenant's admins (which account, why)
 * @param incidentId the gateway's incident of the refused refresh, when it recorded one; nullable
 */
public record OAuthConnectionExpired(UUID tenantId, UUID connectionId, UUID integrationId, String provider,
                                     String accountEmail, String reason, String message, UUID incidentId, Instant at) {
}
