/**
 * The webhook engine. Inbound: providers call {@code /api/webhooks/{provider}[/{integrationId}]};
 * each request is verified on its raw bytes by the provider's {@link com.penguinmails.hub.webhook.InboundWebhookSource},
 * filtered, stored once in the inbox and acknowledged only after commit; workers then hand each
 * event to the {@link com.penguinmails.hub.webhook.InboundEventProcessor} registered for it.
 * Outbound: modules publish tenants' events with {@link com.penguinmails.hub.webhook.OutboundEvents}
 * inside their own transaction (declaring the types with a {@link com.penguinmails.hub.webhook.WebhookEventTypes}
 * bean); workers sign them (Standard Webhooks) and deliver them to the tenants' endpoints with retries.
 */
package com.penguinmails.hub.webhook;
