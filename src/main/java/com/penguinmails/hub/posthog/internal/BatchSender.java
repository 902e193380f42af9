package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.Urgency;

/**
 * Sends the buffered events to PostHog's {@code /batch/} through the gateway (the platform's account,
 * background urgency), on its own thread so no caller ever waits: a batch goes when
 * {@code batchSize} events are there or {@code flushInterval} has passed. Network errors, 5xx and
 * 429 are retried with exponential backoff and jitter (never sooner than {@code Retry-After}), up to
 * {@code maxAttempts}; the events keep their {@code uuid} across attempts, so PostHog can drop a
 * repeat. Refused or exhausted batches are dropped and counted. Opted-out tenants' events are
 * dropped here, before anything leaves the process.
 *
 * <p>It stops after the web server (a later lifecycle phase), sending what is left in the buffer for
 * up to {@code shutdownTimeout}; what does not make it in time is counted as dropped.
 */
class BatchSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);
    static final String OPERATION = "posthog.batch";
    /** After the web server's graceful shutdown (DEFAULT_PHASE − 1024) and stop (− 2048). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final EventBuffer buffer;
    private final ProviderGateway gateway;
    private final OptOuts optOuts;
    private final PostHogProperties properties;
    private final JsonMapper json;
    private final AnalyticsMetrics metrics;
    private volatile boolean running;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile Thread thread;

    BatchSender(EventBuffer buffer, ProviderGateway gateway, OptOuts optOuts, PostHogProperties properties,
                JsonMapper json, AnalyticsMetrics metrics) {
        this.buffer = buffer;
        this.gateway = gateway;
        this.optOuts = optOuts;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        deadline = Long.MAX_VALUE;
        running = true;
        thread = new Thread(this::loop, "posthog-batch-sender");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread current;
        synchronized (this) {
            if (!running) {
                return;
            }
            deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
            running = false;
            current = thread;
        }
        try {
            current.join(properties.shutdownTimeout().plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void loop() {
        while (running) {
            try {
                List<QueuedEvent> batch = buffer.take(properties.batchSize(), properties.flushInterval(),
                        () -> running);
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("The analytics sender failed a pass; continuing", e);
            }
        }
        flushAtShutdown();
    }

    private void flushAtShutdown() {
        while (!buffer.isEmpty() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            deliver(buffer.drain(properties.batchSize()));
        }
        int left = buffer.drain(Integer.MAX_VALUE).size();
        if (left > 0) {
            metrics.dropped("shutdown", left);
            log.warn("Dropped {} analytics event(s) not sent within the shutdown timeout", left);
        }
    }

    /** Sends one batch, retrying what may succeed later; every event ends sent or counted as dropped. */
    void deliver(List<QueuedEvent> events) {
        List<QueuedEvent> batch = new ArrayList<>(events.size());
        int optedOut = 0;
        for (QueuedEvent event : events) {
            if (optOuts.optedOut(event.event().tenantId())) {
                optedOut++;
            } else {
                batch.add(event);
            }
        }
        if (optedOut > 0) {
            metrics.dropped("opted_out", optedOut);
        }
        if (batch.isEmpty()) {
            return;
        }
        byte[] body = BatchBodies.of(properties.projectApiKey(), batch, json);
        for (int attempt = 1; ; attempt++) {
            try {
                gateway.call(call(body));
                metrics.sent(batch.size());
                return;
            } catch (ProviderCallFailed failed) {
                IntegrationError error = failed.error();
                if (!error.retryable()) {
                    metrics.dropped("rejected", batch.size());
                    log.warn("PostHog refused a batch of {} event(s): {} (incident {})", batch.size(),
                            error.type().value(), error.incidentId());
                    return;
                }
                if (attempt >= properties.maxAttempts()) {
                    metrics.dropped("failed", batch.size());
                    log.warn("Dropped a batch of {} analytics event(s) after {} attempt(s): {}", batch.size(),
                            attempt, error.type().value());
                    return;
                }
                if (!pause(backoff(attempt, error.retryAfter()))) {
                    metrics.dropped("shutdown", batch.size());
                    log.warn("Dropped a batch of {} analytics event(s): shutting down before its next attempt",
                            batch.size());
                    return;
                }
            }
        }
    }

    private ProviderCall call(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/batch/"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new ProviderCall(null, null, "posthog", OPERATION, request, Urgency.BACKGROUND, null);
    }

    private String base() {
        return properties.host().toString().replaceAll("/+$", "");
    }

    /** base × 2^(n−1), capped at retryMax, ±25% jitter, never shorter than the provider's Retry-After. */
    Duration backoff(int attempt, Duration retryAfter) {
        long base = properties.retryBase().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, properties.retryMax().toMillis());
        long jittered = (long) (capped * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        long wait = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(Math.max(1, wait));
    }

    /** Waits, unless the wait would pass the shutdown deadline; answers whether it waited. */
    private boolean pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos(); // monotonic: an interval, not a time of day
        if (until > deadline) {
            return false;
        }
        try {
            while (System.nanoTime() < until) {
                if (until > deadline) {
                    return false;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(until - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
