package com.penguinmails.hub.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.platform.database.TimeOrderedIds;
import com.penguinmails.hub.webhook.OutboundEventRefused;
import com.penguinmails.hub.webhook.OutboundEvents;

/**
 * The transactional outbox of outbound webhooks: the event and one delivery per matching endpoint
 * are inserted in the caller's transaction; the dispatcher is woken after it commits.
 *
 * <p><b>Ordered endpoints.</b> A delivery's {@code seq} is drawn from a sequence when it is inserted,
 * but transactions commit in their own order: two transactions publishing at once could commit seq 11
 * before seq 10, and the dispatcher — which sends an ordered endpoint's lowest pending seq it can see —
 * would send 11 before 10 is visible. So before inserting deliveries for an ordered endpoint, the
 * publishing transaction takes that endpoint's publish lock (a transaction-level advisory lock) and
 * holds it until it commits or rolls back. Its seqs are drawn while it holds the lock, so a later
 * publisher's seqs are drawn only after it has committed: for each ordered endpoint, seq order is
 * commit order, and every committed delivery with a lower seq is visible to any snapshot that sees a
 * higher one. The first time a transaction needs such a lock it takes the locks of all the tenant's
 * ordered endpoints at once, in key order, so two transactions publishing to the same ordered
 * endpoints in different orders cannot deadlock. Publishers to one tenant's ordered endpoints are
 * thereby serialised (each waits for the previous one's commit); tenants without ordered endpoints
 * take no lock.
 */
@Service
class PublishingEvents implements OutboundEvents {

    /** Transaction resource: the endpoints read in this transaction, per tenant. */
    private static final Object ENDPOINTS = new Object();
    /** Transaction resource: the publish-lock keys of ordered endpoints this transaction holds. */
    private static final Object ORDER_LOCKS = new Object();

    private final EventCatalogue catalogue;
    private final WebhookEndpoints endpoints;
    private final Deliveries deliveries;
    private final DeliverySignal signal;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxPayloadBytes;

    PublishingEvents(EventCatalogue catalogue, WebhookEndpoints endpoints, Deliveries deliveries, DeliverySignal signal,
                     JsonMapper json, Clock clock, WebhookProperties properties) {
        this.catalogue = catalogue;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.signal = signal;
        this.json = json;
        this.clock = clock;
        this.maxPayloadBytes = properties.outbound().maxPayloadBytes();
    }

    @Override
    public UUID publish(UUID tenantId, String type, Object data) {
        return publish(tenantId, type, data, Optional.empty());
    }

    /** Publishes to the tenant's matching endpoints except {@code except} ({@code endpoint.disabled}). */
    UUID publishExcept(UUID tenantId, String type, Object data, UUID except) {
        return publish(tenantId, type, data, Optional.of(except));
    }

    /** Sends an event to one endpoint only, whatever its subscriptions (the test event). */
    UUID publishTo(WebhookEndpoint endpoint, String type, Object data) {
        Prepared prepared = prepare(endpoint.tenantId(), type, data);
        write(endpoint.tenantId(), type, prepared, List.of(endpoint));
        return prepared.eventId();
    }

    private UUID publish(UUID tenantId, String type, Object data, Optional<UUID> except) {
        Prepared prepared = prepare(tenantId, type, data);
        List<WebhookEndpoint> matching = enabledEndpoints(tenantId).stream()
                .filter(e -> except.map(id -> !id.equals(e.id())).orElse(true))
                .filter(e -> takes(e, type, prepared::tree)).toList();
        if (!matching.isEmpty()) {
            write(tenantId, type, prepared, matching);
        }
        return prepared.eventId();
    }

    /** The event as sent; its parsed form is made only if an endpoint's payload filter needs it. */
    private final class Prepared {
        private final UUID eventId;
        private final String text;
        private JsonNode tree;

        Prepared(UUID eventId, String text) {
            this.eventId = eventId;
            this.text = text;
        }

        UUID eventId() {
            return eventId;
        }

        String text() {
            return text;
        }

        JsonNode tree() {
            if (tree == null) {
                tree = json.readTree(text);
            }
            return tree;
        }
    }

    private Prepared prepare(UUID tenantId, String type, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TenantScope.tenantId().map(tenantId::equals).orElse(false)) {
            throw new OutboundEventRefused("Publish " + type + " inside a transaction scoped to tenant " + tenantId);
        }
        if (catalogue.find(type).isEmpty()) {
            throw new OutboundEventRefused("Event type " + type + " is not in the catalogue");
        }
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", now.toString());
        payload.put("data", data == null ? Map.of() : data);
        String text = json.writeValueAsString(payload);
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxPayloadBytes) {
            throw new OutboundEventRefused("Event " + type + " is " + size + " bytes, over the limit of "
                    + maxPayloadBytes);
        }
        return new Prepared(TimeOrderedIds.at(now), text);
    }

    private void write(UUID tenantId, String type, Prepared prepared, List<WebhookEndpoint> to) {
        holdPublishOrder(tenantId, to);
        Instant now = clock.instant();
        UUID eventId = prepared.eventId();
        deliveries.insertEvent(tenantId, eventId, type, prepared.text(), now);
        deliveries.insertDeliveries(tenantId, eventId, type, to.stream().map(WebhookEndpoint::id).toList(), now);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.nudge();
            }
        });
    }

    /**
     * Takes, unless this transaction already holds them, the publish locks of the ordered endpoints
     * among {@code to} — together with those of all the tenant's enabled ordered endpoints, in key order.
     */
    private void holdPublishOrder(UUID tenantId, List<WebhookEndpoint> to) {
        if (to.stream().noneMatch(WebhookEndpoint::ordered)) {
            return;
        }
        @SuppressWarnings("unchecked")
        java.util.Set<Integer> held = (java.util.Set<Integer>) TransactionSynchronizationManager.getResource(ORDER_LOCKS);
        if (held == null) {
            java.util.Set<Integer> fresh = new java.util.HashSet<>();
            TransactionSynchronizationManager.bindResource(ORDER_LOCKS, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ORDER_LOCKS);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(ORDER_LOCKS, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ORDER_LOCKS);
                }
            });
            held = fresh;
        }
        java.util.Set<Integer> needed = new java.util.TreeSet<>();
        java.util.stream.Stream.concat(to.stream(), enabledEndpoints(tenantId).stream())
                .filter(WebhookEndpoint::ordered).map(e -> Deliveries.orderLockKey(e.id())).forEach(needed::add);
        needed.removeAll(held);
        for (int key : needed) {
            deliveries.holdPublishOrder(key);
            held.add(key);
        }
    }

    /**
     * The tenant's enabled endpoints, read once per transaction: a transaction that publishes many
     * events (a batch of delivery events) reads them once. Changes to endpoints made later in the same
     * transaction are not seen by its later events.
     */
    @SuppressWarnings("unchecked")
    private List<WebhookEndpoint> enabledEndpoints(UUID tenantId) {
        Map<UUID, List<WebhookEndpoint>> read = (Map<UUID, List<WebhookEndpoint>>) TransactionSynchronizationManager
                .getResource(ENDPOINTS);
        if (read == null) {
            Map<UUID, List<WebhookEndpoint>> fresh = new java.util.HashMap<>();
            TransactionSynchronizationManager.bindResource(ENDPOINTS, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() { // an inner REQUIRES_NEW transaction reads its own
                    TransactionSynchronizationManager.unbindResourceIfPossible(ENDPOINTS);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(ENDPOINTS, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ENDPOINTS);
                }
            });
            read = fresh;
        }
        return read.computeIfAbsent(tenantId, endpoints::enabled);
    }

    /** Whether the endpoint subscribes to the type and, if it has filters for the type, one of them holds. */
    static boolean takes(WebhookEndpoint endpoint, String type, java.util.function.Supplier<JsonNode> payload) {
        if (endpoint.eventTypes().stream().noneMatch(pattern -> InboundFilters.typeMatches(pattern, type))) {
            return false;
        }
        List<WebhookEndpoint.PayloadFilter> applicable = endpoint.filters().stream()
                .filter(f -> InboundFilters.typeMatches(f.eventType(), type)).toList();
        return applicable.isEmpty()
                || applicable.stream().anyMatch(f -> InboundFilters.conditionsHold(f.conditions(), payload.get()));
    }
}
