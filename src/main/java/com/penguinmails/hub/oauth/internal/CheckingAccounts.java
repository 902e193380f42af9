package com.penguinmails.hub.oauth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.oauth.ConnectedAccountChecks;
import com.penguinmails.hub.oauth.OAuthConnections;
import com.penguinmails.hub.oauth.OAuthTokenUnavailable;
import com.penguinmails.hub.platform.database.TenantTransactions;

/** Token validity and the user-info endpoint, per active connection of an integration. */
@Service
class CheckingAccounts implements ConnectedAccountChecks {

    private final Connections connections;
    private final OAuthConnections tokens;
    private final OAuthClients clients;
    private final TokenEndpoint endpoint;
    private final TenantTransactions transactions;

    CheckingAccounts(Connections connections, OAuthConnections tokens, OAuthClients clients, TokenEndpoint endpoint,
                     TenantTransactions transactions) {
        this.connections = connections;
        this.tokens = tokens;
        this.clients = clients;
        this.endpoint = endpoint;
        this.transactions = transactions;
    }

    @Override
    public List<AccountCheck> check(UUID tenantId, UUID integrationId, int max) {
        List<Connections.Connection> active = transactions.readInTenant(tenantId, () -> connections.list(tenantId))
                .stream().filter(c -> integrationId.equals(c.integrationId()) && "active".equals(c.status()))
                .limit(Math.max(0, max)).toList();
        List<AccountCheck> checks = new ArrayList<>();
        for (Connections.Connection c : active) {
            checks.add(check(c));
        }
        return checks;
    }

    private AccountCheck check(Connections.Connection c) {
        try {
            OAuthClients.Client client = clients.forConnection(c.tenantId(), c.integrationId(), c.provider())
                    .orElseThrow(() -> new OAuthTokenUnavailable("connection_not_found",
                            "The connection's provider or integration is no longer configured"));
            String token = tokens.accessToken(c.tenantId(), c.id());
            endpoint.identity(client, token);
            return new AccountCheck(c.id(), c.accountEmail(), true, null);
        } catch (OAuthTokenUnavailable e) {
            return new AccountCheck(c.id(), c.accountEmail(), false, e.reason() + ": " + e.getMessage());
        } catch (ProviderCallFailed e) {
            return new AccountCheck(c.id(), c.accountEmail(), false, e.getMessage());
        } catch (TokenEndpoint.Refused e) {
            return new AccountCheck(c.id(), c.accountEmail(), false, e.getMessage());
        }
    }
}
