package com.penguinmails.hub.gateway;

import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One request to a provider.
 *
 * @param tenantId       the tenant the call is made for
 * @param integrationId  the integration whose settings and credentials apply; null = the platform's own account
 * @param provider       "mailgun", "sendgrid", "stripe", "posthog", "google", …; must match the integration's
 * @param operation      stable name for metrics, e.g. {@code mailgun.domains.get}
 * @param request        the HTTP request, absolute http(s) URI; without a timeout the gateway's applies
 * @param urgency        how to wait for a rate-limit permit
 * @param idempotencyKey sent on POSTs where the provider supports it (Stripe: {@code Idempotency-Key}),
 *                       identical on every retry; nullable (the gateway makes one where the provider supports it)
 * @param acceptedStatuses non-2xx statuses (3xx/4xx) the caller wants back as an answer rather than an error
 */
public record ProviderCall(UUID tenantId, UUID integrationId, String provider, String operation,
                           HttpRequest request, Urgency urgency, String idempotencyKey,
                           Set<Integer> acceptedStatuses) {

    public ProviderCall {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(request, "request");
        urgency = urgency == null ? Urgency.BACKGROUND : urgency;
        acceptedStatuses = acceptedStatuses == null ? Set.of() : Set.copyOf(acceptedStatuses);
    }

    public ProviderCall(UUID tenantId, UUID integrationId, String provider, String operation, HttpRequest request,
                        Urgency urgency, String idempotencyKey) {
        this(tenantId, integrationId, provider, operation, request, urgency, idempotencyKey, Set.of());
    }

    /** The same call, answering these 3xx/4xx statuses instead of failing on them (e.g. 404 on a lookup). */
    public ProviderCall accepting(Integer... statuses) {
        return new ProviderCall(tenantId, integrationId, provider, operation, request, urgency, idempotencyKey,
                Set.of(statuses));
    }

    @Override
    public String toString() {
        // never the headers: they carry credentials
        return "ProviderCall[" + provider + " " + operation + " " + request.method() + " " + request.uri().getHost()
                + ", tenant=" + tenantId + ", integration=" + integrationId + ", " + urgency + "]";
    }
}
