package com.penguinmails.hub.monitoring.internal;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.monitoring.HealthProbe;
import com.penguinmails.hub.monitoring.ProbeResult;
import com.penguinmails.hub.oauth.ConnectedAccountChecks;

/**
 * Health check of an OAuth integration: each connected account (up to five) must yield a valid access
 * token and an answer from the provider's user-info endpoint ({@code oauth.ConnectedAccountChecks}).
 * Without a connected account there is nothing to check.
 */
@Component
class OAuthProbe implements HealthProbe {

    private static final int MAX_ACCOUNTS = 5;

    private final ConnectedAccountChecks accounts;

    OAuthProbe(ConnectedAccountChecks accounts) {
        this.accounts = accounts;
    }

    @Override
    public Set<String> providers() {
        return Set.of("google", "microsoft", "hubspot", "oauth2");
    }

    @Override
    public ProbeResult probe(IntegrationRef integration) {
        List<ConnectedAccountChecks.AccountCheck> checks = accounts.check(integration.tenantId(), integration.id(),
                MAX_ACCOUNTS);
        if (checks.isEmpty()) {
            return new ProbeResult.Skipped("no connected account to check");
        }
        List<ConnectedAccountChecks.AccountCheck> failed = checks.stream().filter(c -> !c.usable()).toList();
        if (failed.isEmpty()) {
            return new ProbeResult.Up(checks.size() + " connected account(s): token valid, user info answered");
        }
        ConnectedAccountChecks.AccountCheck first = failed.get(0);
        String problem = first.problem() == null ? "" : first.problem();
        String type = problem.matches("[a-z_]+_error:.*") ? problem.substring(0, problem.indexOf(':'))
                : "authentication_error";
        return new ProbeResult.Down(type, failed.size() + " of " + checks.size() + " connected account(s) unusable; "
                + (first.accountEmail() == null ? first.connectionId() : first.accountEmail()) + ": " + problem);
    }
}
