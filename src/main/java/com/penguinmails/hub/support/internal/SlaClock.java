package com.penguinmails.hub.support.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SLA arithmetic, without the database. A target's due time is {@code created + target + time
 * paused}: the clock stops while the ticket is pending, on hold or solved, and each resumption adds
 * the pause to {@code pausedSeconds}, so the stored due times move with it. A warning falls at
 * {@code warningRatio} of the target ({@code due - (1 - ratio) × target}); a breach at the due time.
 * First response is met by the first public agent reply, resolution by solving.
 */
final class SlaClock {

    static final String FIRST_RESPONSE = "first_response";
    static final String RESOLUTION = "resolution";

    record Targets(Duration firstResponse, Duration resolution) {

        static Targets of(SupportProperties.Sla sla, String priority) {
            return new Targets(sla.firstResponse().get(priority), sla.resolution().get(priority));
        }

        Duration of(String target) {
            return FIRST_RESPONSE.equals(target) ? firstResponse : resolution;
        }
    }

    /** A warning or breach that is due: {@code kind} of {@code target}, whose due time is {@code dueAt}. */
    record Reached(String target, String kind, Instant dueAt) {

        String key() {
            return target + ":" + kind;
        }
    }

    private final double warningRatio;

    SlaClock(double warningRatio) {
        this.warningRatio = warningRatio;
    }

    Instant due(Instant createdAt, Duration target, long pausedSeconds) {
        return createdAt.plus(target).plusSeconds(pausedSeconds);
    }

    Instant warnAt(Instant dueAt, Duration target) {
        return dueAt.minusMillis(Math.round(target.toMillis() * (1 - warningRatio)));
    }

    /** The ticket with its due times recomputed for its priority and pauses so far. */
    Ticket withDueTimes(Ticket t, Targets targets) {
        return new Ticket(t.tenantId(), t.id(), t.number(), t.subject(), t.description(), t.customerEmail(),
                t.customerName(), t.userId(), t.priority(), t.category(), t.channel(), t.status(), t.assigneeId(),
                t.tags(), t.metadata(), t.routingRule(), t.routingReason(), t.createdAt(), t.updatedAt(),
                t.firstRespondedAt(), t.solvedAt(), t.closedAt(),
                due(t.createdAt(), targets.firstResponse(), t.pausedSeconds()),
                due(t.createdAt(), targets.resolution(), t.pausedSeconds()), t.pausedSince(), t.pausedSeconds());
    }

    /** Stops the clock (no-op when already stopped). */
    Ticket pause(Ticket t, Instant now) {
        if (t.pausedSince() != null) {
            return t;
        }
        return new Ticket(t.tenantId(), t.id(), t.number(), t.subject(), t.description(), t.customerEmail(),
                t.customerName(), t.userId(), t.priority(), t.category(), t.channel(), t.status(), t.assigneeId(),
                t.tags(), t.metadata(), t.routingRule(), t.routingReason(), t.createdAt(), t.updatedAt(),
                t.firstRespondedAt(), t.solvedAt(), t.closedAt(), t.firstResponseDueAt(), t.resolutionDueAt(), now,
                t.pausedSeconds());
    }

    /** Restarts the clock: the pause is added to the due times. */
    Ticket resume(Ticket t, Targets targets, Instant now) {
        if (t.pausedSince() == null) {
            return t;
        }
        long paused = t.pausedSeconds() + Math.max(0, Duration.between(t.pausedSince(), now).toSeconds());
        Ticket resumed = new Ticket(t.tenantId(), t.id(), t.number(), t.subject(), t.description(), t.customerEmail(),
                t.customerName(), t.userId(), t.priority(), t.category(), t.channel(), t.status(), t.assigneeId(),
                t.tags(), t.metadata(), t.routingRule(), t.routingReason(), t.createdAt(), t.updatedAt(),
                t.firstRespondedAt(), t.solvedAt(), t.closedAt(), t.firstResponseDueAt(), t.resolutionDueAt(), null,
                paused);
        return withDueTimes(resumed, targets);
    }

    /** What is reached at {@code now} and not yet recorded; a breach supersedes its target's warning. */
    List<Reached> reached(Ticket t, Targets targets, Set<String> recorded, Instant now) {
        List<Reached> reached = new ArrayList<>();
        if (t.pausedSince() != null || t.state().clockStopped()) {
            return reached;
        }
        for (String target : List.of(FIRST_RESPONSE, RESOLUTION)) {
            if (met(t, target)) {
                continue;
            }
            Instant due = dueOf(t, target);
            if (!now.isBefore(due)) {
                if (!recorded.contains(target + ":breach")) {
                    reached.add(new Reached(target, "breach", due));
                }
            } else if (!now.isBefore(warnAt(due, targets.of(target))) && !recorded.contains(target + ":warning")) {
                reached.add(new Reached(target, "warning", due));
            }
        }
        return reached;
    }

    /** When the SLA job should look at the ticket next, or null when nothing can fall due. */
    Instant nextCheck(Ticket t, Targets targets, Set<String> recorded) {
        if (t.pausedSince() != null || t.state().clockStopped()) {
            return null;
        }
        Instant next = null;
        for (String target : List.of(FIRST_RESPONSE, RESOLUTION)) {
            if (met(t, target) || recorded.contains(target + ":breach")) {
                continue;
            }
            Instant due = dueOf(t, target);
            Instant candidate = recorded.contains(target + ":warning") ? due : warnAt(due, targets.of(target));
            next = next == null || candidate.isBefore(next) ? candidate : next;
        }
        return next;
    }

    static boolean met(Ticket t, String target) {
        return FIRST_RESPONSE.equals(target) ? t.firstRespondedAt() != null : t.solvedAt() != null;
    }

    static Instant dueOf(Ticket t, String target) {
        return FIRST_RESPONSE.equals(target) ? t.firstResponseDueAt() : t.resolutionDueAt();
    }
}
