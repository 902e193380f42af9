package com.penguinmails.hub.gateway.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallCompleted;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.integration.ResilienceSettings;
import com.penguinmails.hub.platform.net.OutboundAddressPolicy;

/**
 * The gateway. Per call: find the integration and its settings, refuse unsafe addresses, then up to
 * {@code maxAttempts} attempts (Resilience4j retry), each one asking the circuit breaker, taking a
 * rate-limit permit and sending the request; failures are classified, and the final one is handled
 * (recorded, status, alert, event). Every call and attempt is measured.
 */
@Service
class ResilientGateway implements ProviderGateway {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Providers that honour {@code Idempotency-Key} on POST; the gateway makes a key for those marked true. */
    private static final java.util.Map<String, Boolean> IDEMPOTENCY = java.util.Map.of("stripe", true, "custom", false);
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final String[] REQUEST_ID_HEADERS = {"Request-Id", "X-Request-Id", "X-Amzn-RequestId"};

    private final ProviderHttp http;
    private final GatewayProperties properties;
    private final GatewayTargets targets;
    private final RateLimiters limiters;
    private final CircuitBreakers breakers;
    private final ErrorClassification classification;
    private final HandlingErrors handling;
    private final OutboundAddressPolicy addresses;
    private final GatewayMetrics metrics;
    private final ResponseCache cache;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    ResilientGateway(ProviderHttp gatewayHttp, GatewayProperties properties, GatewayTargets targets,
                     RateLimiters limiters, CircuitBreakers breakers, ErrorClassification classification,
                     HandlingErrors handling, OutboundAddressPolicy addresses, GatewayMetrics metrics, ResponseCache cache,
                     org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        this.http = gatewayHttp;
        this.properties = properties;
        this.targets = targets;
        this.limiters = limiters;
        this.breakers = breakers;
        this.classification = classification;
        this.handling = handling;
        this.addresses = addresses;
        this.metrics = metrics;
        this.cache = cache;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public ProviderResponse call(ProviderCall call) {
        if ("GET".equals(call.request().method()) && call.integrationId() != null) {
            var ttl = targets.find(call.tenantId(), call.integrationId())
                    .flatMap(target -> target.settings().responseCacheTtl());
            if (ttl.isPresent()) {
                return read(call, ttl.get()); // the integration asks for read-through caching
            }
        }
        return callProvider(call);
    }

    private ProviderResponse callProvider(ProviderCall call) {
        long started = System.nanoTime(); // a monotonic duration, not a reading of the time of day
        try {
            ProviderResponse response = execute(call, started);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            metrics.call(call, "success", elapsed);
            completed(call, "success", elapsed);
            return response;
        } catch (ProviderCallFailed failed) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            metrics.call(call, failed.error().type().value(), elapsed);
            if (!"rate_limited".equals(failed.localRefusal().orElse(null))) {
                completed(call, failed.error().type().value(), elapsed);
            }
            throw failed;
        }
    }

    /** Tells monitoring about a call of an integration (the platform's own calls have no integration to watch). */
    private void completed(ProviderCall call, String outcome, Duration elapsed) {
        if (call.tenantId() == null || call.integrationId() == null) {
            return;
        }
        try {
            events.publishEvent(new ProviderCallCompleted(call.tenantId(), call.integrationId(), call.provider(),
                    call.operation(), outcome, elapsed, clock.instant()));
        } catch (RuntimeException e) {
            // counting traffic must never change the caller's answer
        }
    }

    @Override
    public ProviderResponse read(ProviderCall call, Duration ttl) {
        if (!"GET".equals(call.request().method())) {
            throw new IllegalArgumentException("Only GET answers are cached, not " + call.request().method());
        }
        ResponseCache.Key key = ResponseCache.key(call);
        var cached = cache.get(key);
        metrics.cache(call, cached.isPresent());
        if (cached.isPresent()) {
            return cached.get();
        }
        ProviderResponse response = callProvider(call);
        cache.put(key, response, ttl);
        return response;
    }

    @Override
    public ProviderResponse probe(ProviderCall call) {
        long started = System.nanoTime();
        String outcome = "success";
        try {
            GatewayTargets.Target target = usableTarget(call);
            var refusal = addresses.refusal(call.request().uri());
            if (refusal.isPresent()) {
                throw refused(ErrorType.CONFIGURATION, "Refused to call a non-public address: " + refusal.get());
            }
            String limitKey = call.integrationId() != null ? call.tenantId() + ":" + call.integrationId()
                    : "platform:" + call.provider();
            var wait = limiters.acquire(limitKey, target.settings().rateLimits(), call.urgency(),
                    properties.maxPermitWait());
            if (wait.isPresent()) {
                throw new ProviderCallFailed(ErrorClassification.error(ErrorType.RATE_LIMIT, "The rate limit of this "
                        + call.provider() + " integration is reached", true, null).withRetryAfter(wait.get())
                        .withIncidentId(UUID.randomUUID().toString()), "rate_limited");
            }
            try {
                ProviderHttp.Answer answer = http.send(prepare(call.request(), null));
                ProviderResponse response = new ProviderResponse(answer.status(), answer.headers(), answer.body(),
                        Duration.ofNanos(System.nanoTime() - started));
                if (response.status() / 100 == 2 || call.acceptedStatuses().contains(response.status())) {
                    return response;
                }
                throw new ProviderCallFailed(classification.ofResponse(call.provider(), response)
                        .withIncidentId(UUID.randomUUID().toString()));
            } catch (IOException e) {
                throw new ProviderCallFailed(ErrorClassification.ofException(call.provider(), e)
                        .withIncidentId(UUID.randomUUID().toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderCallFailed(ErrorClassification.error(ErrorType.NETWORK,
                        "Interrupted while waiting for " + call.provider(), false, null)
                        .withIncidentId(UUID.randomUUID().toString()));
            }
        } catch (ProviderCallFailed failed) {
            outcome = failed.error().type().value();
            throw failed;
        } finally {
            metrics.call(call, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private GatewayTargets.Target usableTarget(ProviderCall call) {
        GatewayTargets.Target target = targets.find(call.tenantId(), call.integrationId())
                .orElseThrow(() -> refused(ErrorType.CONFIGURATION, "No integration " + call.integrationId()
                        + " in tenant " + call.tenantId()));
        if (target.integration() != null && !target.integration().provider().equals(call.provider())) {
            throw refused(ErrorType.CONFIGURATION, "Integration " + call.integrationId() + " is a "
                    + target.integration().provider() + " integration, not " + call.provider());
        }
        if (!target.usable()) {
            throw refused(ErrorType.CONFIGURATION, "Integration " + call.integrationId() + " is "
                    + target.integration().status().value());
        }
        return target;
    }

    private ProviderResponse execute(ProviderCall call, long started) {
        GatewayTargets.Target target = usableTarget(call);
        var refusal = addresses.refusal(call.request().uri());
        if (refusal.isPresent()) {
            IntegrationError error = ErrorClassification.error(ErrorType.CONFIGURATION,
                    "Refused to call a non-public address: " + refusal.get(), false, null);
            throw new ProviderCallFailed(handling.handle(call, target, error, 1, null));
        }

        String method = call.request().method();
        String idempotencyKey = idempotencyKey(call);
        boolean resendable = IDEMPOTENT_METHODS.contains(method) || idempotencyKey != null;
        HttpRequest request = prepare(call.request(), idempotencyKey);
        var platformLimit = call.integrationId() == null ? PlatformLimits.of(call.operation())
                : java.util.Optional.<PlatformLimits.Limit>empty();
        ResilienceSettings settings = platformLimit.map(limit -> limit.applyTo(target.settings()))
                .orElse(target.settings());
        CircuitBreakers.Held breaker = breakers.of(call.tenantId(), call.integrationId(), call.provider(),
                settings.circuitBreaker());
        String limitKey = call.integrationId() != null ? call.tenantId() + ":" + call.integrationId()
                : platformLimit.map(PlatformLimits.Limit::key).orElse("platform:" + call.provider());
        AtomicInteger attempts = new AtomicInteger();

        ResilienceSettings.RetryPolicy policy = settings.retryPolicy();
        Retry retry = Retry.of(call.operation(), RetryConfig.custom()
                .maxAttempts(Math.max(1, policy.maxAttempts()))
                .retryOnException(e -> e instanceof AttemptFailed f && f.retryHere(resendable, properties.maxRetryWait()))
                .intervalBiFunction((n, outcome) -> delayMillis(policy, n,
                        outcome.isLeft() && outcome.getLeft() instanceof AttemptFailed f ? f.error : null))
                .build());
        retry.getEventPublisher().onRetry(event -> metrics.retry(call));
        try {
            return retry.executeSupplier(() -> attempt(call, request, settings, breaker, limitKey, attempts, started));
        } catch (AttemptFailed failed) {
            if (failed.local) {
                throw new ProviderCallFailed(failed.error.withIncidentId(UUID.randomUUID().toString()), failed.outcome);
            }
            throw new ProviderCallFailed(handling.handle(call, target, failed.error, Math.max(1, attempts.get()),
                    failed.providerRequestId));
        }
    }

    private ProviderResponse attempt(ProviderCall call, HttpRequest request, ResilienceSettings settings,
                                     CircuitBreakers.Held held, String limitKey, AtomicInteger attempts, long started) {
        var breaker = held.breaker;
        if (!breaker.tryAcquirePermission()) {
            metrics.attempt(call, "circuit_open");
            throw AttemptFailed.local(ErrorClassification.error(ErrorType.API, "The circuit breaker of this "
                    + call.provider() + " integration is open after repeated failures; failing fast", true, null)
                    .withRetryAfter(held.remainingOpen(clock)), "circuit_open");
        }
        var wait = limiters.acquire(limitKey, settings.rateLimits(), call.urgency(), properties.maxPermitWait());
        if (wait.isPresent()) {
            breaker.releasePermission();
            metrics.attempt(call, "rate_limited");
            Duration retryAfter = wait.get().isZero() ? Duration.ofMillis(1) : wait.get();
            throw AttemptFailed.local(ErrorClassification.error(ErrorType.RATE_LIMIT, "The rate limit of this "
                    + call.provider() + " integration is reached", true, null).withRetryAfter(retryAfter), "rate_limited");
        }
        attempts.incrementAndGet();
        long start = breaker.getCurrentTimestamp();
        try {
            ProviderHttp.Answer answer = http.send(request);
            ProviderResponse response = new ProviderResponse(answer.status(), answer.headers(), answer.body(),
                    Duration.ofNanos(System.nanoTime() - started));
            int status = response.status();
            if (status / 100 == 2 || call.acceptedStatuses().contains(status)) {
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                metrics.attempt(call, (status / 100) + "xx");
                return response;
            }
            IntegrationError error = classification.ofResponse(call.provider(), response);
            record(breaker, start, error);
            metrics.attempt(call, error.type().value());
            throw AttemptFailed.atProvider(error, status == 429, requestId(response));
        } catch (IOException e) {
            IntegrationError error = ErrorClassification.ofException(call.provider(), e);
            record(breaker, start, error);
            metrics.attempt(call, error.type().value());
            throw AttemptFailed.atProvider(error, ErrorClassification.neverSent(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            throw AttemptFailed.atProvider(ErrorClassification.error(ErrorType.NETWORK,
                    "Interrupted while waiting for " + call.provider(), false, null), false, null);
        }
    }

    /** Only what says the provider is unwell counts against the breaker: no answer, or a 5xx. */
    private static void record(io.github.resilience4j.circuitbreaker.CircuitBreaker breaker, long start,
                               IntegrationError error) {
        long duration = breaker.getCurrentTimestamp() - start;
        boolean unwell = error.type() == ErrorType.NETWORK
                || (error.type() == ErrorType.API && (error.httpStatus() == null || error.httpStatus() >= 500));
        if (unwell) {
            breaker.onError(duration, breaker.getTimestampUnit(), new IllegalStateException(error.message()));
        } else {
            breaker.onSuccess(duration, breaker.getTimestampUnit());
        }
    }

    /**
     * The guide's backoff (linear: base × n; exponential: base × 2^(n−1)), capped at maxDelay, with
     * ±25% jitter so callers that failed together do not retry together; never shorter than the
     * provider's {@code Retry-After}.
     */
    static long delayMillis(ResilienceSettings.RetryPolicy policy, int attempt, IntegrationError error) {
        long base = policy.baseDelay().toMillis();
        long max = policy.maxDelay().toMillis();
        long backoff = "linear".equals(policy.backoffStrategy()) ? base * attempt
                : base * (1L << Math.min(Math.max(attempt - 1, 0), 30));
        backoff = Math.min(Math.max(backoff, 0), max);
        long delay = Math.min(max, (long) (backoff * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5)));
        if (error != null && error.retryAfter() != null) {
            delay = Math.max(delay, error.retryAfter().toMillis());
        }
        return Math.max(delay, 1);
    }

    private static String idempotencyKey(ProviderCall call) {
        String method = call.request().method();
        Boolean generates = IDEMPOTENCY.get(call.provider());
        if (generates == null || !("POST".equals(method) || "PATCH".equals(method))) {
            return null;
        }
        if (call.idempotencyKey() != null) {
            return call.idempotencyKey();
        }
        return generates ? UUID.randomUUID().toString() : null;
    }

    private HttpRequest prepare(HttpRequest original, String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(original, (name, value) -> true);
        if (original.timeout().isEmpty()) {
            builder.timeout(properties.requestTimeout());
        }
        if (idempotencyKey != null) {
            builder.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
        }
        return builder.build();
    }

    private static String requestId(ProviderResponse response) {
        for (String name : REQUEST_ID_HEADERS) {
            String value = response.header(name);
            if (value != null) {
                return ErrorClassification.shorten(value.length() > 200 ? value.substring(0, 200) : value);
            }
        }
        return null;
    }

    private static ProviderCallFailed refused(ErrorType type, String message) {
        return new ProviderCallFailed(new IntegrationError(type, message, false, null, UUID.randomUUID().toString(), null));
    }
}
