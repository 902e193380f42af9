package com.penguinmails.hub.webhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.net.OutboundAddressPolicy;
import com.penguinmails.hub.platform.net.PinnedHttpClients;
import com.penguinmails.hub.platform.net.RefusedAddressException;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;
import com.penguinmails.hub.webhook.WebhookEndpointDisabled;

/**
 * Sends one claimed delivery and records the attempt: sign (Standard Webhooks, with the previous
 * secret too while a rotation overlaps), check the address after resolution, POST with connect and
 * read timeouts, keep the first 4 KiB of the answer, then deliver, schedule a retry, send to
 * dead-letter, or disable the endpoint (410, or failing for {@code disable-after}).
 */
@Component
class Delivering {

    private static final Logger log = LoggerFactory.getLogger(Delivering.class);
    static final int KEPT_RESPONSE_BYTES = 4096;
    private static final ContentType JSON = ContentType.create("application/json");
    static final String USER_AGENT = "PenguinMails-Webhooks/1";
    private static final TimeValue IDLE_CONNECTIONS_KEPT = TimeValue.ofMinutes(1);
    static final String TABLE = "webhook_endpoints";
    /** Headers an endpoint's custom headers may not set. */
    static final Set<String> RESERVED_HEADERS = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "content-type", "content-length", "host", "connection", "expect", "upgrade", "user-agent",
            "transfer-encoding", "te", "trailer");

    private final Deliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final PublishingEvents publishing;
    private final EndpointRateLimits rateLimits;
    private final OutboundAddressPolicy addresses;
    private final Keyring keyring;
    private final AuditLog auditLog;
    private final TenantTransactions transactions;
    private final WebhookProperties.Outbound settings;
    private final ApplicationEventPublisher events;
    private final DeliverySuccesses successes;
    private final com.github.benmanes.caffeine.cache.Cache<SealedSecret, String> openedSecrets =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Clock clock;
    private final CloseableHttpClient http;
    private final RequestConfig requestConfig;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-delivery-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    Delivering(Deliveries deliveries, WebhookEndpoints endpoints, PublishingEvents publishing,
               EndpointRateLimits rateLimits, OutboundAddressPolicy addresses, Keyring keyring, AuditLog auditLog,
               TenantTransactions transactions, WebhookProperties properties, ApplicationEventPublisher events,
               DeliverySuccesses successes, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.publishing = publishing;
        this.rateLimits = rateLimits;
        this.addresses = addresses;
        this.keyring = keyring;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.settings = properties.outbound();
        this.events = events;
        this.successes = successes;
        this.clock = clock;
        // the hub's pinned pool behind Apache's minimal client: a delivery is one POST and one answer
        PoolingHttpClientConnectionManager pool = PinnedHttpClients.pool(addresses, settings.connectTimeout(),
                settings.requestTimeout(), Math.max(settings.workers(), 4), Math.max(settings.workers() * 2, 16));
        this.http = HttpClients.createMinimal(pool);
        // connections to endpoints that stopped receiving do not stay open
        watchdog.scheduleWithFixedDelay(() -> {
            pool.closeExpired();
            pool.closeIdle(IDLE_CONNECTIONS_KEPT);
        }, 30, 30, TimeUnit.SECONDS);
        Timeout request = Timeout.of(settings.requestTimeout());
        this.requestConfig = RequestConfig.custom().setResponseTimeout(request).setConnectionRequestTimeout(request)
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        watchdog.shutdownNow();
        http.close();
    }

    /** A claimed delivery with what sending it needs. */
    record Job(Deliveries.Work work, WebhookEndpoint endpoint, List<String> secrets) {
    }

    /** What came of one attempt; {@code status} null when no HTTP answer arrived. */
    record Outcome(Integer status, long latencyMs, String body, String error, Duration retryAfter) {
        boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /**
     * Loads the claimed deliveries of one tenant, their endpoints and the endpoints' opened secrets in
     * one read transaction; deliveries no longer pending (or whose endpoint is gone) are left out.
     */
    List<Job> prepare(UUID tenantId, List<UUID> claimed) {
        return transactions.readInTenant(tenantId, () -> {
            List<Deliveries.Work> work = deliveries.work(tenantId, claimed).stream()
                    .filter(w -> "pending".equals(w.state())).toList();
            Map<UUID, WebhookEndpoint> byId = new LinkedHashMap<>();
            endpoints.find(tenantId, work.stream().map(Deliveries.Work::endpointId).distinct().toList())
                    .forEach(endpoint -> byId.put(endpoint.id(), endpoint));
            Map<UUID, List<String>> secrets = new LinkedHashMap<>();
            List<Job> jobs = new ArrayList<>();
            for (Deliveries.Work w : work) {
                WebhookEndpoint endpoint = byId.get(w.endpointId());
                if (endpoint != null) {
                    jobs.add(new Job(w, endpoint, secrets.computeIfAbsent(endpoint.id(), id -> secrets(endpoint))));
                }
            }
            return jobs;
        });
    }

    /** Sends the delivery; returns quietly without recording anything when the thread is interrupted. */
    void deliver(Job job) {
        Deliveries.Work work = job.work();
        WebhookEndpoint endpoint = job.endpoint();
        Optional<Duration> wait = rateLimits.take(work.tenantId(), endpoint.id(), endpoint.rateLimitPerSecond());
        if (wait.isPresent()) {
            transactions.inTenant(work.tenantId(), () -> deliveries.postpone(work.tenantId(), endpoint.id(), work.id(),
                    clock.instant().plus(wait.get())));
            return;
        }
        Instant started = clock.instant();
        Outcome outcome = send(work, endpoint, job.secrets(), started);
        if (outcome == null || Thread.currentThread().isInterrupted()) {
            return; // stopped abruptly: the lease runs out and another worker sends it again
        }
        if (outcome.success()) {
            successes.add(new Deliveries.Success(work.id(), endpoint.id(), started, outcome.status(),
                    outcome.latencyMs(), outcome.body(), clock.instant()), work.tenantId());
            return;
        }
        record(work, endpoint, outcome, started);
    }

    /**
     * The endpoint's current secret, and the previous one while a rotation overlaps. Opened secrets are
     * kept by the sealed bytes they come from, so a rotated secret is never signed with stale.
     */
    private List<String> secrets(WebhookEndpoint endpoint) {
        List<String> secrets = new ArrayList<>();
        secrets.add(opened(endpoint, "secret", endpoint.secret()));
        if (endpoint.previousSecret() != null && endpoint.previousSecretUntil() != null
                && endpoint.previousSecretUntil().isAfter(clock.instant())) {
            secrets.add(opened(endpoint, "previous_secret", endpoint.previousSecret()));
        }
        return secrets;
    }

    private record SealedSecret(UUID tenantId, UUID endpointId, String field, java.nio.ByteBuffer sealed) {
    }

    private String opened(WebhookEndpoint endpoint, String field, byte[] sealed) {
        return openedSecrets.get(new SealedSecret(endpoint.tenantId(), endpoint.id(), field,
                java.nio.ByteBuffer.wrap(sealed.clone())), key -> keyring.open(
                new SecretContext(key.tenantId(), TABLE, key.endpointId(), key.field()), sealed));
    }

    private Outcome send(Deliveries.Work work, WebhookEndpoint endpoint, List<String> secrets, Instant started) {
        URI uri = URI.create(endpoint.url());
        Optional<String> refusal = addresses.refusal(uri);
        if (refusal.isPresent()) {
            return new Outcome(null, 0, null, "address refused: " + refusal.get(), null);
        }
        byte[] body = work.payload().getBytes(StandardCharsets.UTF_8);
        String messageId = StandardWebhooks.messageId(work.eventId());
        long timestamp = started.getEpochSecond();
        List<String> signatures = secrets.stream()
                .map(secret -> StandardWebhooks.sign(secret, messageId, timestamp, body)).toList();
        HttpPost request = new HttpPost(uri);
        endpoint.headers().forEach((name, value) -> {
            if (!RESERVED_HEADERS.contains(name.toLowerCase())) {
                request.addHeader(name, value);
            }
        });
        request.setConfig(requestConfig);
        request.setHeader("User-Agent", USER_AGENT);
        request.setHeader("webhook-id", messageId);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", String.join(" ", signatures));
        request.setEntity(new ByteArrayEntity(body, JSON));
        long start = System.nanoTime();
        // the whole exchange, body included, ends at the request timeout: a receiver that stalls is cut off
        ScheduledFuture<?> cut = watchdog.schedule(request::cancel, settings.requestTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return http.execute(request, response -> {
                String kept = null;
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        kept = new String(in.readNBytes(KEPT_RESPONSE_BYTES), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        kept = null;
                    }
                }
                long latency = (System.nanoTime() - start) / 1_000_000;
                int status = response.getCode();
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Outcome(status, latency, kept, status >= 200 && status < 300 ? null : "HTTP " + status,
                        retryAfter(Optional.ofNullable(retryAfter).map(Header::getValue), started).orElse(null));
            });
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            long latency = (System.nanoTime() - start) / 1_000_000;
            String error = e instanceof RefusedAddressException ? "address refused: " + e.getMessage()
                    : request.isCancelled() ? "timed out after " + settings.requestTimeout().toMillis() + " ms"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(null, latency, null, error, null);
        } finally {
            cut.cancel(false);
        }
    }

    /** Records a failed attempt: retry, dead-letter or disable. Successes go to {@link DeliverySuccesses}. */
    private void record(Deliveries.Work work, WebhookEndpoint endpoint, Outcome outcome, Instant started) {
        UUID tenant = work.tenantId();
        Instant now = clock.instant();
        String error = outcome.error() == null ? null : outcome.error().length() > 2000
                ? outcome.error().substring(0, 2000) : outcome.error();
        try {
            transactions.inTenant(tenant, () -> {
                deliveries.attempt(tenant, work.id(), started, outcome.status(), outcome.latencyMs(), outcome.body(), error);
                if (Integer.valueOf(410).equals(outcome.status())) {
                    deliveries.dead(tenant, endpoint.id(), work.id(), 410, error, now);
                    disable(endpoint, "the endpoint answered 410 Gone", null, now);
                    return;
                }
                List<Duration> schedule = endpoint.retryPolicy() == null ? settings.retrySchedule()
                        : endpoint.retryPolicy().schedule();
                boolean clientErrorRetried = endpoint.retryPolicy() == null || endpoint.retryPolicy().retryClientErrors();
                int attempt = work.attempts() + 1;
                if (!retryable(outcome.status(), clientErrorRetried) || attempt >= schedule.size()) {
                    deliveries.dead(tenant, endpoint.id(), work.id(), outcome.status(), error, now);
                } else {
                    Duration delay = jittered(schedule.get(attempt), settings.retryJitter());
                    if (outcome.retryAfter() != null) {
                        Duration asked = outcome.retryAfter().compareTo(settings.maxRetryAfter()) > 0
                                ? settings.maxRetryAfter() : outcome.retryAfter();
                        delay = asked.compareTo(delay) > 0 ? asked : delay;
                    }
                    deliveries.retry(tenant, endpoint.id(), work.id(), outcome.status(), error, now.plus(delay));
                }
                Optional<Instant> failingSince = endpoints.failed(tenant, endpoint.id(), now);
                if (failingSince.isPresent() && !failingSince.get().plus(settings.disableAfter()).isAfter(now)) {
                    disable(endpoint, "no successful delivery since " + failingSince.get(), failingSince.get(), now);
                }
            });
        } catch (RuntimeException e) {
            log.error("Could not record delivery {} of endpoint {}; its lease will expire and it is sent again",
                    work.id(), endpoint.id(), e);
        }
    }

    /**
     * Disables the endpoint, sends its pending deliveries to dead-letter, tells the tenant's other
     * endpoints and (through {@link WebhookEndpointDisabled}) the tenant's admins by email.
     */
    private void disable(WebhookEndpoint endpoint, String reason, Instant failingSince, Instant now) {
        UUID tenant = endpoint.tenantId();
        if (!endpoints.disable(tenant, endpoint.id(), reason, now)) {
            return;
        }
        deliveries.failPending(tenant, endpoint.id(), "endpoint disabled: " + reason, now);
        auditLog.record(auditLog.forRequest(tenant, "webhook_endpoint.disabled").withTarget("webhook_endpoint",
                endpoint.id()).withChanges(AuditChanges.none().field("enabled", true, false))
                .withDetails(Map.of("reason", reason)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id());
        data.put("url", endpoint.url());
        data.put("reason", reason);
        data.put("failingSince", failingSince == null ? null : failingSince.toString());
        data.put("disabledAt", now.toString());
        publishing.publishExcept(tenant, OwnEventTypes.ENDPOINT_DISABLED, data, endpoint.id());
        events.publishEvent(new WebhookEndpointDisabled(tenant, endpoint.id(), endpoint.url(), reason, failingSince, now));
        log.warn("Webhook endpoint {} of tenant {} disabled: {}", endpoint.id(), tenant, reason);
    }

    static boolean retryable(Integer status, boolean clientErrorsRetried) {
        if (status == null || status == 408 || status == 425 || status == 429 || status >= 500) {
            return true;
        }
        return clientErrorsRetried;
    }

    static Duration jittered(Duration delay, double jitter) {
        if (delay.isZero() || jitter <= 0) {
            return delay;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }
}
