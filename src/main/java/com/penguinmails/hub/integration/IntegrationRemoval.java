package com.penguinmails.hub.integration;

import java.util.UUID;

/**
 * A module that holds something of an integration outside the registry (the OAuth module: accounts
 * connected through the integration's client, whose grants live at the provider) and must let go of
 * it before the integration is deleted. The registry calls every such bean when an integration is
 * deleted: {@link #release} first, outside any transaction (it may call providers), then
 * {@link #requireReleased} in the deleting transaction, with the integration's row locked.
 */
public interface IntegrationRemoval {

    /**
     * Lets go of what the module holds for the integration; throws an {@code ApiProblem} when it could
     * not (the integration is then kept, and deleting it again tries again).
     */
    void release(UUID tenantId, UUID integrationId);

    /** Throws an {@code ApiProblem} when something was taken up again since {@link #release}. */
    void requireReleased(UUID tenantId, UUID integrationId);
}
