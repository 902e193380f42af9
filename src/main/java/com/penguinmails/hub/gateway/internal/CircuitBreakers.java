package com.penguinmails.hub.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.CircuitStateChanged;
import com.penguinmails.hub.integration.ResilienceSettings;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * One Resilience4j circuit breaker per integration (per provider for the platform's own account),
 * configured from the guide's settings: it opens when, within the monitoring period, at least
 * {@code failureThreshold} calls were made and every one of them failed (the guide's "N failures
 * with no success in between"); after {@code recoveryTimeout} it lets one probe through (half open),
 * which closes it on success or opens it again. Only failures that say the provider is unwell count:
 * network errors and 5xx. Every state change is recorded and published.
 */
@Component
class CircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

    /** A breaker with the settings it was built from and when it last opened. */
    static final class Held {
        final CircuitBreaker breaker;
        final ResilienceSettings.CircuitBreaker settings;
        volatile Instant openedAt;

        Held(CircuitBreaker breaker, ResilienceSettings.CircuitBreaker settings) {
            this.breaker = breaker;
            this.settings = settings;
        }

        /** How long until the breaker lets a probe through. */
        Duration remainingOpen(Clock clock) {
            Instant opened = openedAt == null ? clock.instant() : openedAt;
            Duration left = settings.recoveryTimeout().minus(Duration.between(opened, clock.instant()));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private final Map<String, Held> breakers = new ConcurrentHashMap<>();
    private final CircuitTransitions transitions;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final GatewayMetrics metrics;
    private final Clock clock;

    CircuitBreakers(CircuitTransitions transitions, TenantTransactions transactions, ApplicationEventPublisher events,
                    GatewayMetrics metrics, Clock clock) {
        this.transitions = transitions;
        this.transactions = transactions;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    Held of(UUID tenantId, UUID integrationId, String provider, ResilienceSettings.CircuitBreaker settings) {
        String key = integrationId == null ? "platform:" + provider : integrationId.toString();
        Held known = breakers.get(key); // every call passes here: no lock unless the breaker is new or changed
        if (known != null && known.settings.equals(settings)) {
            return known;
        }
        return breakers.compute(key, (k, current) -> {
            if (current != null && current.settings.equals(settings)) {
                return current;
            }
            if (current == null) {
                metrics.circuitState(provider, integrationId, () -> stateValue(key));
            }
            return build(key, tenantId, integrationId, provider, settings);
        });
    }

    Optional<Held> existing(UUID integrationId) {
        return Optional.ofNullable(breakers.get(integrationId.toString()));
    }

    private Held build(String key, UUID tenantId, UUID integrationId, String provider,
                       ResilienceSettings.CircuitBreaker settings) {
        int windowSeconds = (int) Math.max(1, (settings.monitoringPeriod().toMillis() + 999) / 1000);
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(windowSeconds, settings.failureThreshold(), CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .failureRateThreshold(100f)
                .waitDurationInOpenState(settings.recoveryTimeout())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
        Held held = new Held(CircuitBreaker.of(key, config), settings);
        held.breaker.getEventPublisher().onStateTransition(event -> {
            String from = stateName(event.getStateTransition().getFromState());
            String to = stateName(event.getStateTransition().getToState());
            Instant at = clock.instant();
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                held.openedAt = at;
            }
            log.info("Circuit of {} integration {} went from {} to {}", provider, key, from, to);
            if (tenantId != null && integrationId != null) {
                try {
                    transactions.inTenant(tenantId, () -> {
                        transitions.insert(tenantId, integrationId, provider, from, to, at);
                        events.publishEvent(new CircuitStateChanged(tenantId, integrationId, provider, from, to, at));
                    });
                } catch (RuntimeException e) {
                    log.warn("Could not record the circuit transition of integration {}: {}", key, e.getMessage());
                }
            }
        });
        return held;
    }

    private int stateValue(String key) {
        Held held = breakers.get(key);
        if (held == null) {
            return 0;
        }
        return switch (held.breaker.getState()) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }

    static String stateName(CircuitBreaker.State state) {
        return state.name().toLowerCase();
    }
}
