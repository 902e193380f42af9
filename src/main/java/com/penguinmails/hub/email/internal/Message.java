package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored outgoing message. */
record Message(UUID tenantId, UUID id, String idempotencyKey, String requestHash, UUID requestedIntegrationId,
               UUID integrationId, String provider, String providerMessageId, boolean failoverUsed, String from,
               String replyTo, String subject, String html, String text, String templateId,
               Map<String, Object> templateData, Map<String, String> variables, String campaignId,
               String recipientId, List<String> tags, Map<String, String> headers, String status, int attempts,
               String lastError, Instant createdAt, Instant sentAt, UUID connectionId, Instant statusAt) {

    /** A message about to be stored: its status dates from its creation. */
    Message(UUID tenantId, UUID id, String idempotencyKey, String requestHash, UUID requestedIntegrationId,
            UUID integrationId, String provider, String providerMessageId, boolean failoverUsed, String from,
            String replyTo, String subject, String html, String text, String templateId,
            Map<String, Object> templateData, Map<String, String> variables, String campaignId,
            String recipientId, List<String> tags, Map<String, String> headers, String status, int attempts,
            String lastError, Instant createdAt, Instant sentAt, UUID connectionId) {
        this(tenantId, id, idempotencyKey, requestHash, requestedIntegrationId, integrationId, provider,
                providerMessageId, failoverUsed, from, replyTo, subject, html, text, templateId, templateData, variables,
                campaignId, recipientId, tags, headers, status, attempts, lastError, createdAt, sentAt, connectionId,
                createdAt);
    }
}
