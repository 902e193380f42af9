package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A support ticket as stored. {@code tenantId} is {@link SupportDesk#PLATFORM_TENANT} for senders without an account. */
record Ticket(UUID tenantId, UUID id, long number, String subject, String description, String customerEmail,
              String customerName, UUID userId, String priority, String category, String channel, String status,
              UUID assigneeId, List<String> tags, Map<String, Object> metadata, String routingRule,
              String routingReason, Instant createdAt, Instant updatedAt, Instant firstRespondedAt, Instant solvedAt,
              Instant closedAt, Instant firstResponseDueAt, Instant resolutionDueAt, Instant pausedSince,
              long pausedSeconds) {

    String reference() {
        return SupportDesk.reference(number);
    }

    TicketStatus state() {
        return TicketStatus.parse(status).orElseThrow();
    }

    boolean hasCustomerTenant() {
        return !SupportDesk.PLATFORM_TENANT.equals(tenantId);
    }

    Draft edit() {
        return new Draft(this);
    }

    /** A changeable copy, for the few fields that change after opening. */
    static final class Draft {
        private final Ticket t;
        String subject;
        String priority;
        String category;
        String status;
        UUID assigneeId;
        List<String> tags;
        Map<String, Object> metadata;
        Instant updatedAt;
        Instant firstRespondedAt;
        Instant solvedAt;
        Instant closedAt;

        private Draft(Ticket t) {
            this.t = t;
            subject = t.subject;
            priority = t.priority;
            category = t.category;
            status = t.status;
            assigneeId = t.assigneeId;
            tags = t.tags;
            metadata = t.metadata;
            updatedAt = t.updatedAt;
            firstRespondedAt = t.firstRespondedAt;
            solvedAt = t.solvedAt;
            closedAt = t.closedAt;
        }

        Ticket build() {
            return new Ticket(t.tenantId, t.id, t.number, subject, t.description, t.customerEmail, t.customerName,
                    t.userId, priority, category, t.channel, status, assigneeId, tags, metadata, t.routingRule,
                    t.routingReason, t.createdAt, updatedAt, firstRespondedAt, solvedAt, closedAt,
                    t.firstResponseDueAt, t.resolutionDueAt, t.pausedSince, t.pausedSeconds);
        }
    }
}
