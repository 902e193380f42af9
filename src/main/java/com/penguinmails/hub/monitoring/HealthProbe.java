package com.penguinmails.hub.monitoring;

import java.util.Set;

import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;

/**
 * SPI: a cheap, real call that tells whether a provider is reachable with an integration's
 * credentials (Mailgun: {@code GET /v3/domains/{domain}}; SendGrid: {@code GET /v3/scopes}; …).
 * Provider modules declare one bean per provider they speak for; the health checks call it once per
 * the integration's {@code healthCheckIntervalSeconds}, on one hub node, outside any transaction.
 *
 * <p>Rules for implementations: send the call through {@code gateway.ProviderGateway} with the
 * integration's id (so it is rate-limited, measured and counted into the integration's traffic like
 * any call), use {@code Urgency.BACKGROUND} and a short timeout, change nothing at the provider, and
 * never put a secret in a result. A {@code ProviderCallFailed} may be thrown as it is: the checker
 * turns it into {@link ProbeResult.Down} with its error type. The checker measures the response time.
 */
public interface HealthProbe {

    /** The registry provider names this probe checks, e.g. {@code mailgun}. */
    Set<String> providers();

    /** Calls the provider for this integration; never null. */
    ProbeResult probe(IntegrationRef integration);
}
