package com.penguinmails.hub.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction that disabled one of a tenant's webhook endpoints (it answered
 * 410, or failed without a success for {@code hub.webhook.outbound.disable-after}), so that the
 * tenant's admins can be told.
 *
 * @param failingSince when its failures began; null when it was disabled for a 410
 */
public record WebhookEndpointDisabled(UUID tenantId, UUID endpointId, String url, String reason,
                                      Instant failingSince, Instant disabledAt) {
}
