package com.penguinmails.hub.email;

import java.util.Map;
import java.util.UUID;

/**
 * Sends one message through an ESP (through the gateway). Throws the gateway's
 * {@code ProviderCallFailed} when the provider refuses or cannot be reached; the sending worker
 * decides between retry, failover and failure from its classified error.
 */
public interface EmailProvider {

    /** The integration provider this client serves, e.g. {@code mailgun}. */
    String provider();

    /**
     * @return the provider's message id (Mailgun's without angle brackets), stored to match events
     */
    String send(OutgoingEmail email, UUID integrationId, Map<String, Object> configuration,
                Map<String, String> credentials);
}
