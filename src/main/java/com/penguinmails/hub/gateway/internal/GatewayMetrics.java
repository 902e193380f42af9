package com.penguinmails.hub.gateway.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.gateway.ProviderCall;

/**
 * Micrometer meters per integration and operation, exported at {@code /actuator/prometheus}:
 * {@code hub_gateway_calls_seconds} (a latency histogram per outcome: success or the error type),
 * {@code hub_gateway_attempts_total} (every request sent, by HTTP status class or failure),
 * {@code hub_gateway_retries_total}, {@code hub_gateway_cache_total} and
 * {@code hub_gateway_circuit_state} (0 closed, 1 open, 2 half open).
 */
@Component
class GatewayMetrics {

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(ProviderCall call, String outcome, Duration elapsed) {
        Timer.builder("hub.gateway.calls")
                .description("Provider calls through the gateway, all attempts included")
                .tag("provider", call.provider()).tag("operation", call.operation())
                .tag("integration", integration(call.integrationId())).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(elapsed);
    }

    void attempt(ProviderCall call, String outcome) {
        Counter.builder("hub.gateway.attempts").description("Requests sent to providers")
                .tag("provider", call.provider()).tag("integration", integration(call.integrationId()))
                .tag("outcome", outcome).register(registry).increment();
    }

    void retry(ProviderCall call) {
        Counter.builder("hub.gateway.retries").description("Attempts repeated after a retryable failure")
                .tag("provider", call.provider()).tag("integration", integration(call.integrationId()))
                .register(registry).increment();
    }

    void cache(ProviderCall call, boolean hit) {
        Counter.builder("hub.gateway.cache").description("Reads answered from, or missing in, the response cache")
                .tag("provider", call.provider()).tag("result", hit ? "hit" : "miss").register(registry).increment();
    }

    void circuitState(String provider, UUID integrationId, Supplier<Number> state) {
        Gauge.builder("hub.gateway.circuit.state", state).description("0 closed, 1 open, 2 half open")
                .tag("provider", provider).tag("integration", integration(integrationId)).register(registry);
    }

    static String integration(UUID integrationId) {
        return integrationId == null ? "platform" : integrationId.toString();
    }
}
