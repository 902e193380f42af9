package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.posthog.FeatureFlags;
import com.penguinmails.hub.posthog.FlagSet;
import com.penguinmails.hub.posthog.ProductAnalytics;

/**
 * Asks PostHog's {@code POST /flags?v=2} (docs/PROVIDERS.md 4.2) for a user in the tenant's organisation
 * group, through the gateway (caller-facing: a request is waiting), and keeps the answer for
 * {@code flags-ttl}. Whatever goes wrong — not configured, opted out, unreachable, an error, a quota
 * limit, an answer it cannot read — the configured defaults answer instead, and are not cached, so
 * the next request asks again (the gateway's circuit breaker keeps that cheap while PostHog is down).
 * Flags PostHog could not compute ({@code errorsWhileComputingFlags}) keep their defaults.
 * <p>
 * {@code flags-timeout} bounds the whole wait of the caller — connecting, the gateway's retries and their
 * backoff, reading the answer — not only one attempt's answer: the call runs on a thread of its own and, when
 * the time is up, is interrupted (which ends the gateway's retries) while the caller gets the defaults.
 */
class EvaluatingFlags implements FeatureFlags, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EvaluatingFlags.class);
    static final String OPERATION = "posthog.flags";

    private record Key(UUID userId, UUID tenantId) {
    }

    private final ProviderGateway gateway;
    private final PostHogProperties properties;
    private final OptOuts optOuts;
    private final JsonMapper json;
    private final Clock clock;
    private final Cache<Key, FlagSet> cache;
    /** Threads that wait for PostHog; an abandoned call ends by itself within its request timeout. */
    private final ExecutorService asking = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "posthog-flags");
        thread.setDaemon(true);
        return thread;
    });

    EvaluatingFlags(ProviderGateway gateway, PostHogProperties properties, OptOuts optOuts, JsonMapper json,
                    Clock clock) {
        this.gateway = gateway;
        this.properties = properties;
        this.optOuts = optOuts;
        this.json = json;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.flagsTtl()).maximumSize(100_000).build();
    }

    @Override
    public FlagSet evaluate(UUID userId, UUID tenantId) {
        if (!properties.enabled() || optOuts.optedOut(tenantId)) {
            return defaults();
        }
        Key key = new Key(userId, tenantId);
        FlagSet cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        try {
            JsonNode answer = json.readTree(ask(call(userId, tenantId)).body());
            if (answer.path("quotaLimited").toString().contains("feature_flags")) {
                log.warn("PostHog's feature-flag quota is exhausted; answering the default flags");
                return defaults();
            }
            Map<String, Object> flags = new LinkedHashMap<>(properties.defaults());
            answer.path("flags").properties().forEach(flag -> flags.put(flag.getKey(), value(flag.getValue())));
            FlagSet evaluated = new FlagSet(flags, FlagSet.POSTHOG, clock.instant());
            if (!answer.path("errorsWhileComputingFlags").asBoolean(false)) {
                cache.put(key, evaluated);
            }
            return evaluated;
        } catch (ProviderCallFailed failed) {
            log.warn("Feature flags unavailable ({}); answering the defaults", failed.error().type().value());
            return defaults();
        } catch (RuntimeException unreadable) {
            log.warn("PostHog's flags answer could not be read ({}); answering the defaults",
                    unreadable.getClass().getSimpleName());
            return defaults();
        }
    }

    /** The gateway's answer, waited for at most {@code flags-timeout} in all. */
    private ProviderResponse ask(ProviderCall call) {
        Future<ProviderResponse> answer = asking.submit(() -> gateway.call(call));
        try {
            return answer.get(properties.flagsTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProviderCallFailed(new IntegrationError(ErrorType.NETWORK, "PostHog did not answer the flags "
                    + "request within " + properties.flagsTimeout(), true, null, null, null));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderCallFailed(new IntegrationError(ErrorType.NETWORK,
                    "Interrupted while waiting for PostHog's flags", false, null, null, null));
        }
    }

    @Override
    public void close() {
        asking.shutdownNow();
    }

    private static Object value(JsonNode flag) {
        JsonNode variant = flag.path("variant");
        if (variant.isString()) {
            return variant.asString();
        }
        return flag.path("enabled").asBoolean(false);
    }

    private FlagSet defaults() {
        return new FlagSet(properties.defaults(), FlagSet.DEFAULTS, clock.instant());
    }

    private ProviderCall call(UUID userId, UUID tenantId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_key", properties.projectApiKey());
        body.put("distinct_id", userId.toString());
        if (tenantId != null) {
            body.put("groups", Map.of(ProductAnalytics.ORGANIZATION, tenantId.toString()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        properties.host().toString().replaceAll("/+$", "") + "/flags?v=2"))
                .timeout(properties.flagsTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        return new ProviderCall(null, null, "posthog", OPERATION, request, Urgency.CALLER_FACING, null);
    }
}
