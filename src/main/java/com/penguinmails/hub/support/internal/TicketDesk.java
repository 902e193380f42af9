package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * The desk's activities on a ticket — opening, replying, changing status and fields — each run inside
 * a transaction scoped to the ticket's tenant (the caller's), at an explicit instant (the callers read
 * the injected {@code Clock}; tests pass their own times).
 */
@Component
class TicketDesk {

    /** Who writes: a customer, an agent (staff) or the system. */
    record Author(String type, UUID userId, String email, String name) {

        static Author customer(UUID userId, String email, String name) {
            return new Author("customer", userId, email, name);
        }

        static Author agent(UUID userId, String email, String name) {
            return new Author("agent", userId, email, name);
        }

        boolean isAgent() {
            return "agent".equals(type);
        }
    }

    record NewTicket(UUID tenantId, UUID userId, String subject, String description, String customerEmail,
                     String customerName, String priority, String category, String channel, List<String> tags,
                     Map<String, Object> metadata, Routing.Decision routing) {
    }

    /** Field changes by an agent; null leaves a field as it is. */
    record Changes(String status, String priority, String category, UUID assigneeId, boolean unassign, List<String> tags) {
    }

    private final Tickets tickets;
    private final SlaEvents slaEvents;
    private final DeskNotifications notifications;
    private final KnowledgeBase knowledgeBase;
    private final SupportProperties properties;
    private final SlaClock clock;

    TicketDesk(Tickets tickets, SlaEvents slaEvents, DeskNotifications notifications, KnowledgeBase knowledgeBase,
               SupportProperties properties) {
        this.tickets = tickets;
        this.slaEvents = slaEvents;
        this.notifications = notifications;
        this.knowledgeBase = knowledgeBase;
        this.properties = properties;
        this.clock = new SlaClock(properties.sla().warningRatio());
    }

    /**
     * Opens a ticket: stores it with its SLA due times and the description as the customer's first
     * message, confirms to the customer, notifies the team and adds knowledge-base suggestions.
     */
    Ticket open(NewTicket n, Instant now) {
        UUID tenant = n.tenantId() == null ? SupportDesk.PLATFORM_TENANT : n.tenantId();
        SlaClock.Targets targets = SlaClock.Targets.of(properties.sla(), n.priority());
        Map<String, Object> metadata = new LinkedHashMap<>(n.metadata() == null ? Map.of() : n.metadata());
        metadata.put("user_id", n.userId() == null ? null : n.userId().toString());
        metadata.put("tenant_id", n.tenantId() == null ? null : n.tenantId().toString());
        Ticket ticket = new Ticket(tenant, UUID.randomUUID(), tickets.nextNumber(), n.subject(), n.description(),
                n.customerEmail(), n.customerName(), n.userId(), n.priority(), n.category(), n.channel(),
                TicketStatus.NEW.value(), null, n.tags() == null ? List.of() : List.copyOf(n.tags()), metadata,
                n.routing() == null ? null : n.routing().rule(), n.routing() == null ? null : n.routing().reason(),
                now, now, null, null, null, now.plus(targets.firstResponse()), now.plus(targets.resolution()), null, 0);
        tickets.insert(ticket, clock.nextCheck(ticket, targets, Set.of()));
        tickets.insertMessage(new TicketMessage(tenant, UUID.randomUUID(), ticket.id(), "customer", n.userId(),
                n.customerEmail(), n.customerName(), "public", "comment", n.channel(), n.description(), Map.of(), 0, now));
        notifications.ticketCreated(ticket, now);
        suggestArticles(ticket, now);
        return ticket;
    }

    /** Up to {@code max-suggestions} published articles at or above the threshold, as one internal note. */
    List<Map<String, Object>> suggestArticles(Ticket ticket, Instant now) {
        double threshold = properties.knowledgeBase().suggestionThreshold();
        List<Map<String, Object>> suggestions = new ArrayList<>();
        for (KnowledgeBase.Hit hit : knowledgeBase.search(ticket.subject() + "\n" + ticket.description(), null,
                properties.knowledgeBase().maxSuggestions())) {
            if (hit.score() < threshold) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("articleId", hit.article().id().toString());
            s.put("slug", hit.article().slug());
            s.put("title", hit.article().title());
            s.put("url", articleUrl(hit.article().slug()));
            s.put("snippet", hit.snippet());
            s.put("relevanceScore", hit.score());
            s.put("autoSuggested", true);
            suggestions.add(s);
        }
        if (suggestions.isEmpty()) {
            return suggestions;
        }
        StringBuilder body = new StringBuilder("Auto-suggested knowledge base articles:\n\n");
        suggestions.forEach(s -> body.append("- [").append(s.get("title")).append("](").append(s.get("url"))
                .append(") - ").append(s.get("snippet")).append('\n'));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("suggestions", suggestions);
        metadata.put("threshold", threshold);
        metadata.put("generated_at", now.toString());
        tickets.insertMessage(new TicketMessage(ticket.tenantId(), UUID.randomUUID(), ticket.id(), "system", null, null,
                null, "internal", "auto_suggestion", "system", body.toString(), metadata, 0, now));
        return suggestions;
    }

    String articleUrl(String slug) {
        String base = properties.helpLinks().stream().filter(l -> "self-service".equals(l.category())).findFirst()
                .map(l -> l.url().toString()).orElse(properties.publicBaseUrl() + "/kb");
        return (base.endsWith("/") ? base : base + "/") + slug;
    }

    /**
     * Adds a message. A customer's reply reopens a pending or solved ticket; an agent's first public
     * reply is the first response (a late one is recorded as a breach). Public agent replies are
     * emailed to the customer with the threading headers.
     */
    TicketMessage addMessage(UUID tenantId, UUID ticketId, Author author, String body, boolean internal,
                             String channel, Integer timeSpentSeconds, Map<String, Object> metadata, Instant now) {
        Ticket t = tickets.lock(tenantId, ticketId).orElseThrow(TicketDesk::notFound);
        if (t.state() == TicketStatus.CLOSED) {
            throw ApiProblem.conflict("ticket_closed", "Ticket " + t.reference() + " is closed; open a new one");
        }
        if (internal && !author.isAgent()) {
            throw ApiProblem.forbidden("agents_only", "Only agents write internal notes");
        }
        int spent = author.isAgent() ? (timeSpentSeconds != null ? timeSpentSeconds
                : properties.cost().defaultMinutesPerAgentMessage() * 60) : 0;
        TicketMessage message = new TicketMessage(t.tenantId(), UUID.randomUUID(), t.id(), author.type(), author.userId(),
                author.email(), author.name(), internal ? "internal" : "public", "comment", channel, body,
                metadata == null ? Map.of() : metadata, spent, now);
        tickets.insertMessage(message);
        Ticket.Draft d = t.edit();
        d.updatedAt = now;
        Ticket changed = d.build();
        if (author.isAgent() && !internal) {
            if (changed.firstRespondedAt() == null) {
                d.firstRespondedAt = now;
                changed = d.build();
                recordLateness(changed, SlaClock.FIRST_RESPONSE, now);
            }
            if (changed.state() == TicketStatus.NEW) {
                changed = moveTo(changed, TicketStatus.OPEN, author, now);
            }
        } else if (!author.isAgent() && (changed.state() == TicketStatus.PENDING || changed.state() == TicketStatus.SOLVED)) {
            changed = moveTo(changed, TicketStatus.OPEN, author, now);
        }
        save(changed);
        if (author.isAgent() && !internal) {
            notifications.agentReplied(changed, message, now);
        }
        return message;
    }

    /** Applies changes by the system (no agent named); see {@link #change(UUID, UUID, Changes, Author, Instant)}. */
    Ticket change(UUID tenantId, UUID ticketId, Changes c, Instant now) {
        return change(tenantId, ticketId, c, null, now);
    }

    /**
     * Applies an agent's changes; a status must be a permitted move from the current one. A status or
     * assignee that changes leaves an internal {@code system} message with the old and new values.
     */
    Ticket change(UUID tenantId, UUID ticketId, Changes c, Author by, Instant now) {
        Ticket t = tickets.lock(tenantId, ticketId).orElseThrow(TicketDesk::notFound);
        Ticket.Draft d = t.edit();
        d.updatedAt = now;
        if (c.priority() != null) {
            d.priority = c.priority();
        }
        if (c.category() != null) {
            d.category = c.category();
        }
        if (c.assigneeId() != null) {
            d.assigneeId = c.assigneeId();
        }
        if (c.unassign()) {
            d.assigneeId = null;
        }
        if (c.tags() != null) {
            d.tags = List.copyOf(c.tags());
        }
        Ticket changed = d.build();
        if (c.priority() != null && !c.priority().equals(t.priority())) {
            changed = clock.withDueTimes(changed, targets(changed));
        }
        if (c.status() != null && !c.status().equals(t.status())) {
            TicketStatus target = TicketStatus.parse(c.status()).orElseThrow();
            if (!t.state().canMoveTo(target)) {
                throw ApiProblem.conflict("invalid_status_transition",
                        "A ticket cannot move from " + t.status() + " to " + c.status())
                        .with("allowed", t.state().next().stream().map(TicketStatus::value).sorted().toList());
            }
            changed = moveTo(changed, target, by, now);
        }
        if (!java.util.Objects.equals(t.assigneeId(), changed.assigneeId())) {
            recordChange(changed, "assignee", t.assigneeId() == null ? null : t.assigneeId().toString(),
                    changed.assigneeId() == null ? null : changed.assigneeId().toString(), by, now);
        }
        save(changed);
        return changed;
    }

    /** An internal {@code system} message: what changed on the ticket, from what to what, and by whom. */
    private void recordChange(Ticket t, String field, String from, String to, Author by, Instant now) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("field", field);
        metadata.put("old", from);
        metadata.put("new", to);
        metadata.put("changed_by", by == null ? "system" : by.type());
        metadata.put("changed_by_user_id", by == null || by.userId() == null ? null : by.userId().toString());
        String text = switch (field) {
            case "status" -> "Status changed from " + from + " to " + to;
            case "assignee" -> to == null ? "Unassigned (was " + from + ")"
                    : from == null ? "Assigned to " + to : "Reassigned from " + from + " to " + to;
            default -> field + " changed from " + from + " to " + to;
        };
        tickets.insertMessage(new TicketMessage(t.tenantId(), UUID.randomUUID(), t.id(), "system", null, null, null,
                "internal", "system", "system", text, metadata, 0, now));
    }

    /** The status move with its clock effects (pause, resume, solve, close) and the satisfaction request. */
    private Ticket moveTo(Ticket t, TicketStatus target, Author by, Instant now) {
        TicketStatus from = t.state();
        recordChange(t, "status", from.value(), target.value(), by, now);
        SlaClock.Targets targets = targets(t);
        Ticket.Draft d = t.edit();
        d.status = target.value();
        d.updatedAt = now;
        if (target == TicketStatus.SOLVED || (target == TicketStatus.CLOSED && t.solvedAt() == null)) {
            d.solvedAt = now;
        }
        if (target == TicketStatus.CLOSED) {
            d.closedAt = now;
        }
        if (from == TicketStatus.SOLVED && target == TicketStatus.OPEN) {
            d.solvedAt = null;
        }
        Ticket moved = d.build();
        if (target.clockStopped() && !from.clockStopped()) {
            moved = clock.pause(moved, now);
        } else if (!target.clockStopped() && from.clockStopped()) {
            moved = clock.resume(moved, targets, now);
        }
        if (target == TicketStatus.SOLVED || (target == TicketStatus.CLOSED && t.solvedAt() == null)) {
            recordLateness(moved, SlaClock.RESOLUTION, now);
        }
        if (target == TicketStatus.SOLVED) {
            notifications.solved(moved, now);
        }
        return moved;
    }

    /** A target met after its due time is a breach, recorded once (the SLA job may have recorded it already). */
    private void recordLateness(Ticket t, String target, Instant now) {
        Instant due = SlaClock.dueOf(t, target);
        if (t.pausedSince() == null && now.isAfter(due)
                && slaEvents.record(t.tenantId(), t.id(), target, "breach", due, now)) {
            notifications.slaAlert(t, new SlaClock.Reached(target, "breach", due));
        }
    }

    /** Evaluates the SLA of one ticket at {@code now}: records and announces what is reached, once. */
    List<SlaClock.Reached> evaluateSla(UUID tenantId, UUID ticketId, Instant now) {
        Ticket t = tickets.lock(tenantId, ticketId).orElse(null);
        if (t == null) {
            return List.of();
        }
        SlaClock.Targets targets = targets(t);
        Set<String> recorded = new java.util.HashSet<>(slaEvents.recorded(tenantId, ticketId));
        List<SlaClock.Reached> announced = new ArrayList<>();
        for (SlaClock.Reached reached : clock.reached(t, targets, recorded, now)) {
            if (slaEvents.record(tenantId, ticketId, reached.target(), reached.kind(), reached.dueAt(), now)) {
                notifications.slaAlert(t, reached);
                announced.add(reached);
            }
            recorded.add(reached.key());
        }
        tickets.update(t, clock.nextCheck(t, targets, recorded));
        return announced;
    }

    private void save(Ticket t) {
        tickets.update(t, clock.nextCheck(t, targets(t), slaEvents.recorded(t.tenantId(), t.id())));
    }

    private SlaClock.Targets targets(Ticket t) {
        return SlaClock.Targets.of(properties.sla(), t.priority());
    }

    static ApiProblem notFound() {
        return ApiProblem.notFound("ticket_not_found", "No such ticket");
    }
}
