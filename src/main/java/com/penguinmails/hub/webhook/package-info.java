/**
 * The webhook engine. Inbound: providers call {@code /api/webhooks/{provider}[/{integrationId}]};
 * each request is verified on its raw bytes by the provider's {@link com.penguinmails.hub.webhook.InboundWebhookSource},
 * filtered, stored once in the inbox and acknowledged only after commit; workers then hand each
 * event to the {@link com.penguinmails.hub.webhook.InboundEventProcessor} registered for it.
 */
package com.penguinmails.hub.webhook;
