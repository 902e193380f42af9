package com.penguinmails.hub.oauth.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.IntegrationRemoval;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Before an integration is deleted, every account connected through its OAuth client is disconnected
 * as {@code DELETE …/oauth/connections/{id}} does: its grant revoked at the provider, its tokens
 * erased. When the provider cannot revoke a grant, that connection keeps its tokens and the deletion
 * is refused ({@code 502 revocation_failed}), so the revocation is tried again by deleting again rather
 * than lost with the integration. An account connected in the meantime refuses it too
 * ({@code 409 integration_has_connections}).
 */
@Component
class ReleasingIntegrationGrants implements IntegrationRemoval {

    private final Connections connections;
    private final Disconnecting disconnecting;
    private final TenantTransactions transactions;

    ReleasingIntegrationGrants(Connections connections, Disconnecting disconnecting, TenantTransactions transactions) {
        this.connections = connections;
        this.disconnecting = disconnecting;
        this.transactions = transactions;
    }

    @Override
    public void release(UUID tenantId, UUID integrationId) {
        List<Connections.Connection> holding = transactions.readInTenant(tenantId,
                () -> connections.holdingTokens(tenantId, integrationId));
        List<String> failed = holding.stream().map(disconnecting::release)
                .filter(result -> "failed".equals(result.revocation()))
                .map(result -> result.connectionId().toString()).toList();
        if (!failed.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "revocation_failed", "The provider could not revoke the grant"
                    + " of " + failed.size() + " connected account(s); the integration and those connections are kept."
                    + " Delete it again later to retry.").with("connections", failed);
        }
    }

    @Override
    public void requireReleased(UUID tenantId, UUID integrationId) {
        if (!connections.holdingTokens(tenantId, integrationId).isEmpty()) {
            throw ApiProblem.conflict("integration_has_connections",
                    "An account was connected through this integration meanwhile; delete it again");
        }
    }
}
