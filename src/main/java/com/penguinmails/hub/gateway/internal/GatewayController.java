package com.penguinmails.hub.gateway.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.ResilienceSettings;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/integrations/{integrationId}/gateway")
@Tag(name = "Gateway", description = "How the hub's calls to an integration's provider are going")
class GatewayController {

    private static final int RECENT = 50;

    record CircuitView(String state, float failureRate, int bufferedCalls, int failedCalls, long notPermittedCalls,
                       Long retryAfterMs) {
    }

    record RateLimitView(ResilienceSettings.RateLimits limits, Long availablePermits, boolean shared) {
    }

    record GatewayView(CircuitView circuit, RateLimitView rateLimit, List<CircuitTransitions.Transition> transitions,
                       List<IntegrationErrors.ErrorRow> errors, Instant at) {
    }

    private final IntegrationRegistry registry;
    private final CircuitBreakers breakers;
    private final RateLimiters limiters;
    private final CircuitTransitions transitions;
    private final IntegrationErrors errors;
    private final TenantTransactions transactions;
    private final Clock clock;

    GatewayController(IntegrationRegistry registry, CircuitBreakers breakers, RateLimiters gatewayRateLimiters,
                      CircuitTransitions transitions, IntegrationErrors errors, TenantTransactions transactions,
                      Clock clock) {
        this.registry = registry;
        this.breakers = breakers;
        this.limiters = gatewayRateLimiters;
        this.transitions = transitions;
        this.errors = errors;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping
    @Operation(operationId = "getIntegrationGateway", summary = "The integration's circuit breaker, rate-limit permits, breaker state changes and recent errors")
    GatewayView get(@PathVariable UUID tenantId, @PathVariable UUID integrationId) {
        TenantAccess.require();
        ResilienceSettings settings = registry.resilience(tenantId, integrationId).orElseThrow(() ->
                ApiProblem.notFound("integration_not_found", "No such integration in this tenant"));
        CircuitView circuit = breakers.existing(integrationId).map(held -> {
            var metrics = held.breaker.getMetrics();
            boolean open = held.breaker.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;
            return new CircuitView(CircuitBreakers.stateName(held.breaker.getState()),
                    Math.max(0f, metrics.getFailureRate()), metrics.getNumberOfBufferedCalls(),
                    metrics.getNumberOfFailedCalls(), metrics.getNumberOfNotPermittedCalls(),
                    open ? held.remainingOpen(clock).toMillis() : null);
        }).orElse(new CircuitView("closed", 0f, 0, 0, 0, null));
        RateLimitView rateLimit = new RateLimitView(settings.rateLimits(),
                limiters.available(tenantId + ":" + integrationId, settings.rateLimits()).orElse(null),
                limiters.isShared());
        return transactions.readInTenant(tenantId, () -> new GatewayView(circuit, rateLimit,
                transitions.recent(tenantId, integrationId, RECENT), errors.recent(tenantId, integrationId, RECENT),
                clock.instant()));
    }
}
