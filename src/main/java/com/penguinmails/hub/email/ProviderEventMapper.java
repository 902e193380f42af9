package com.penguinmails.hub.email;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.InboundEventProcessor;

/**
 * The part every ESP's event mapper shares: which event types it handles, where the tenant the hub
 * attached when sending is found (for events on platform accounts), and handing the normalised
 * event to {@link EmailEvents}. A provider module says only how its events map.
 */
public abstract class ProviderEventMapper implements InboundEventProcessor {

    private final String provider;
    private final Set<String> handled;
    private final EmailEvents emailEvents;
    protected final JsonMapper json;

    protected ProviderEventMapper(String provider, Set<String> handled, EmailEvents emailEvents, JsonMapper json) {
        this.provider = provider;
        this.handled = Set.copyOf(handled);
        this.emailEvents = emailEvents;
        this.json = json;
    }

    /** The node holding the variables the hub attached ({@code hub_tenant_id}, {@code hub_message_id}, …). */
    protected abstract JsonNode variables(JsonNode event);

    /** The provider's event in the hub's terms. */
    protected abstract EmailEvent map(InboundEvent event);

    @Override
    public boolean supports(String eventProvider, String eventType) {
        return provider.equals(eventProvider) && handled.contains(eventType);
    }

    @Override
    public Optional<UUID> owningTenant(InboundEvent event) {
        return uuid(variables(json.readTree(event.payloadJson())).path("hub_tenant_id").asString(""));
    }

    @Override
    public void process(InboundEvent event) {
        emailEvents.record(map(event));
    }

    protected static Optional<UUID> uuid(String value) {
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    protected static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
