package com.penguinmails.hub.webhook;

import java.util.List;

/**
 * SPI: a module that publishes outbound events declares a bean of this type listing them; the
 * catalogue ({@code GET /api/v1/webhook-event-types}) is the union of all such beans, and
 * {@link OutboundEvents#publish} refuses types not in it. A type may be listed only once.
 */
public interface WebhookEventTypes {

    List<WebhookEventType> eventTypes();
}
