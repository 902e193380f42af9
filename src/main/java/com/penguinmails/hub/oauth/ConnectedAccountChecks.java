package com.penguinmails.hub.oauth;

import java.util.List;
import java.util.UUID;

/**
 * Checks that an OAuth integration's connected accounts still work, for health checks: for each
 * active connection, a valid access token (refreshed first when due) and an answer from the
 * provider's user-info endpoint, through the gateway. Call it outside any database transaction.
 */
public interface ConnectedAccountChecks {

    /**
     * @param usable  whether a token was had and the provider answered with the account's identity
     * @param problem why not (an error type or the token's unavailability reason and a message); null when usable
     */
    record AccountCheck(UUID connectionId, String accountEmail, boolean usable, String problem) {
    }

    /** The integration's active connections, checked (at most {@code max}); empty when it has none. */
    List<AccountCheck> check(UUID tenantId, UUID integrationId, int max);
}
