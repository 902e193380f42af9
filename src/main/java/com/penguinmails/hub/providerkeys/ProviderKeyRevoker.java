package com.penguinmails.hub.providerkeys;

import java.util.Map;
import java.util.UUID;

/**
 * Revokes a retired key through the provider's API, for providers that have one. Providers without
 * such an API get their old keys marked {@code manual revocation required}.
 */
public interface ProviderKeyRevoker {

    boolean supports(String provider, String field);

    /** Whether revocation needs the provider's own id of the key ({@code providerKeyId}); without it the key is marked for manual revocation. */
    default boolean needsProviderKeyId() {
        return true;
    }

    /**
     * @param providerKeyId the provider's own id of the old key, when the operator gave it
     * @param oldValue      the old key itself
     * @param credentials   the integration's current credentials (the new key authenticates the call)
     */
    void revoke(UUID tenantId, UUID integrationId, String provider, String field, String providerKeyId,
                String oldValue, Map<String, String> credentials);
}
