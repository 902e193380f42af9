package com.penguinmails.hub.webhook.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.net.OutboundAddressPolicy;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.AuditChanges;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;
import com.penguinmails.hub.webhook.internal.WebhookEndpointApi.EndpointRequest;

/** Creating, changing, deleting endpoints and rotating their secrets; each change audited in its transaction. */
@Service
class ManagingEndpoints {

    private static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final Duration MAX_DELAY = Duration.ofDays(1);

    private final WebhookEndpoints endpoints;
    private final Keyring keyring;
    private final AuditLog auditLog;
    private final OutboundAddressPolicy addresses;
    private final TenantTransactions transactions;
    private final WebhookProperties.Outbound settings;
    private final EventCatalogue catalogue;
    private final Clock clock;

    ManagingEndpoints(WebhookEndpoints endpoints, Keyring keyring, AuditLog auditLog, OutboundAddressPolicy addresses,
                      TenantTransactions transactions, WebhookProperties properties, EventCatalogue catalogue,
                      Clock clock) {
        this.catalogue = catalogue;
        this.endpoints = endpoints;
        this.keyring = keyring;
        this.auditLog = auditLog;
        this.addresses = addresses;
        this.transactions = transactions;
        this.settings = properties.outbound();
        this.clock = clock;
    }

    record Created(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "Created[" + endpoint + "]";
        }
    }

    Created create(UUID tenantId, EndpointRequest request) {
        WebhookEndpoint.Settings settings = settings(request);
        UUID id = UUID.randomUUID();
        String secret = StandardWebhooks.newSecret();
        return transactions.inTenant(tenantId, () -> {
            Instant now = clock.instant();
            endpoints.insert(tenantId, id, settings, keyring.seal(context(tenantId, id, "secret"), secret), now);
            auditLog.recordForRequest(tenantId, "webhook_endpoint.created", "webhook_endpoint", id, AuditChanges.none()
                    .added("url", settings.url()).added("eventTypes", settings.eventTypes())
                    .added("enabled", settings.enabled()).secret("secret"));
            return new Created(endpoints.find(tenantId, id).orElseThrow(), secret);
        });
    }

    WebhookEndpoint update(UUID tenantId, UUID id, EndpointRequest request) {
        WebhookEndpoint.Settings settings = settings(request);
        return transactions.inTenant(tenantId, () -> {
            WebhookEndpoint before = endpoints.find(tenantId, id).orElseThrow(ManagingEndpoints::notFound);
            endpoints.update(tenantId, id, settings, clock.instant());
            WebhookEndpoint after = endpoints.find(tenantId, id).orElseThrow();
            AuditChanges changes = AuditChanges.none();
            changed(changes, "url", before.url(), after.url());
            changed(changes, "description", before.description(), after.description());
            changed(changes, "eventTypes", before.eventTypes(), after.eventTypes());
            if (!before.headers().keySet().equals(after.headers().keySet()) || !before.headers().equals(after.headers())) {
                changes.field("headers", List.copyOf(before.headers().keySet()), List.copyOf(after.headers().keySet()));
            }
            changed(changes, "retryPolicy", schedule(before.retryPolicy()), schedule(after.retryPolicy()));
            changed(changes, "rateLimitPerSecond", before.rateLimitPerSecond(), after.rateLimitPerSecond());
            changed(changes, "filters", before.filters().size(), after.filters().size());
            changed(changes, "enabled", before.enabled(), after.enabled());
            changed(changes, "ordered", before.ordered(), after.ordered());
            auditLog.recordForRequest(tenantId, "webhook_endpoint.updated", "webhook_endpoint", id, changes);
            return after;
        });
    }

    void delete(UUID tenantId, UUID id) {
        transactions.inTenant(tenantId, () -> {
            WebhookEndpoint before = endpoints.find(tenantId, id).orElseThrow(ManagingEndpoints::notFound);
            endpoints.delete(tenantId, id);
            auditLog.recordForRequest(tenantId, "webhook_endpoint.deleted", "webhook_endpoint", id,
                    AuditChanges.none().field("url", before.url(), null).secret("secret"));
        });
    }

    Created rotate(UUID tenantId, UUID id, String overlapText) {
        Duration overlap = overlapText == null ? settings.defaultRotationOverlap() : DurationStyle.detectAndParse(overlapText);
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("overlap", "must be between 0s and 7d")));
        }
        String secret = StandardWebhooks.newSecret();
        return transactions.inTenant(tenantId, () -> {
            WebhookEndpoint before = endpoints.find(tenantId, id).orElseThrow(ManagingEndpoints::notFound);
            Instant now = clock.instant();
            String current = keyring.open(context(tenantId, id, "secret"), before.secret());
            endpoints.rotate(tenantId, id, keyring.seal(context(tenantId, id, "secret"), secret),
                    overlap.isZero() ? null : keyring.seal(context(tenantId, id, "previous_secret"), current),
                    overlap.isZero() ? null : now.plus(overlap), now);
            auditLog.record(auditLog.forRequest(tenantId, "webhook_endpoint.secret_rotated")
                    .withTarget("webhook_endpoint", id).withChanges(AuditChanges.none().secret("secret"))
                    .withDetails(Map.of("overlapSeconds", overlap.toSeconds())));
            return new Created(endpoints.find(tenantId, id).orElseThrow(), secret);
        });
    }

    static SecretContext context(UUID tenantId, UUID id, String field) {
        return new SecretContext(tenantId, Delivering.TABLE, id, field);
    }

    static ApiProblem notFound() {
        return ApiProblem.notFound("webhook_endpoint_not_found", "No such webhook endpoint");
    }

    private static void changed(AuditChanges changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.field(field, before, after);
        }
    }

    private static List<String> schedule(WebhookEndpoint.RetryPolicy policy) {
        return policy == null ? null : policy.schedule().stream().map(Duration::toString).toList();
    }

    private WebhookEndpoint.Settings settings(EndpointRequest r) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        URI uri = null;
        try {
            uri = new URI(r.url());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                problems.add(new ApiProblem.FieldProblem("url", "must be an absolute http or https URL"));
                uri = null;
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(new ApiProblem.FieldProblem("url", "must be an absolute http or https URL"));
        }
        if (uri != null) {
            addresses.refusal(uri).ifPresent(why -> problems.add(new ApiProblem.FieldProblem("url",
                    "is not allowed: " + why)));
        }
        // a type nothing publishes would be a subscription that silently receives nothing
        for (int i = 0; i < r.eventTypes().size(); i++) {
            String pattern = r.eventTypes().get(i);
            if (pattern != null && catalogue.all().stream().noneMatch(t -> InboundFilters.typeMatches(pattern, t.type()))) {
                problems.add(new ApiProblem.FieldProblem("eventTypes[" + i + "]", (pattern.endsWith("*")
                        ? "matches no event type of the catalogue: " : "is not an event type of the catalogue: ")
                        + pattern + " (GET /api/v1/webhook-event-types lists them)"));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (r.headers() != null) {
            r.headers().forEach((name, value) -> {
                if (Delivering.RESERVED_HEADERS.contains(name.toLowerCase())) {
                    problems.add(new ApiProblem.FieldProblem("headers." + name, "is set by the hub"));
                }
                headers.put(name, value);
            });
        }
        WebhookEndpoint.RetryPolicy policy = null;
        if (r.retryPolicy() != null) {
            List<Duration> schedule = new ArrayList<>();
            for (int i = 0; i < r.retryPolicy().schedule().size(); i++) {
                try {
                    Duration delay = DurationStyle.detectAndParse(r.retryPolicy().schedule().get(i));
                    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                        throw new IllegalArgumentException();
                    }
                    schedule.add(delay);
                } catch (RuntimeException e) {
                    problems.add(new ApiProblem.FieldProblem("retryPolicy.schedule[" + i + "]",
                            "must be a duration between 0s and 1d"));
                }
            }
            policy = new WebhookEndpoint.RetryPolicy(schedule,
                    r.retryPolicy().retryClientErrors() == null || r.retryPolicy().retryClientErrors());
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalidFields(problems);
        }
        List<WebhookEndpoint.PayloadFilter> filters = r.filters() == null ? List.of() : r.filters().stream()
                .map(f -> new WebhookEndpoint.PayloadFilter(f.eventType(), f.conditions())).toList();
        return new WebhookEndpoint.Settings(r.url(), r.description() == null ? "" : r.description(),
                List.copyOf(r.eventTypes()), headers, policy, r.rateLimitPerSecond(), filters,
                r.enabled() == null || r.enabled(), r.ordered() != null && r.ordered());
    }
}
