package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.email.EmailEvent;
import com.penguinmails.hub.email.EmailEventRecorded;
import com.penguinmails.hub.email.EmailEvents;
import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.email.internal.CampaignMetrics.Counter;
import com.penguinmails.hub.email.internal.Recipients.Engagement;

/**
 * Applies a normalised event to the message it belongs to. Delivery status only moves forward by
 * rank (queued &lt; sent &lt; deferred &lt; delivered &lt; bounced = dropped = failed), so a late
 * {@code delivered} never overwrites a {@code bounced} and a late {@code deferred} never undoes a
 * delivery; engagement (opened, clicked, complained, unsubscribed) is recorded whatever the status.
 * The provider's event id makes a duplicate a no-op.
 */
@Service
class RecordingEmailEvents implements EmailEvents {

    private static final Map<String, Integer> RANK = Map.of("queued", 0, "sent", 1, "deferred", 2, "delivered", 3,
            "bounced", 4, "dropped", 4, "failed", 4);

    private final Messages messages;
    private final Recipients recipients;
    private final EventHistory history;
    private final Suppressions suppressions;
    private final CampaignMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecordingEmailEvents(Messages messages, Recipients recipients, EventHistory history, Suppressions suppressions,
                         CampaignMetrics metrics, ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.recipients = recipients;
        this.history = history;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Outcome record(EmailEvent event) {
        UUID tenantId = TenantScope.tenantId().orElseThrow(() -> new IllegalStateException("no tenant in scope"));
        Optional<Message> message = Optional.ofNullable(event.hubMessageId()).flatMap(id -> messages.find(tenantId, id))
                .or(() -> Optional.ofNullable(event.providerMessageId())
                        .flatMap(id -> messages.byProviderMessageId(tenantId, id)));
        if (message.isEmpty()) {
            return Outcome.UNKNOWN_MESSAGE;
        }
        Message m = message.get();
        String recipient = event.recipient() == null ? "" : event.recipient().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        UUID eventId = UUID.randomUUID();
        Instant occurred = event.occurredAt() == null ? now : event.occurredAt();
        if (!history.insert(tenantId, eventId, m.id(), recipient, event.type().value(), event.bounceKind(),
                event.provider(), event.providerEventId(), occurred, now, event.details() == null ? Map.of() : event.details())) {
            return Outcome.DUPLICATE;
        }
        Optional<Recipients.Recipient> current = recipients.lock(tenantId, m.id(), recipient);
        String status = current.map(Recipients.Recipient::status).orElse("sent");
        switch (event.type()) {
            case DELIVERED -> status = advance(tenantId, m, recipient, current, "delivered", occurred, Counter.DELIVERED);
            case DEFERRED -> status = advance(tenantId, m, recipient, current, "deferred", occurred, Counter.DEFERRED);
            case DROPPED -> status = advance(tenantId, m, recipient, current, "dropped", occurred, Counter.DROPPED);
            case BOUNCED -> {
                if ("soft".equals(event.bounceKind())) {
                    status = advance(tenantId, m, recipient, current, "deferred", occurred, Counter.DEFERRED);
                } else {
                    status = advance(tenantId, m, recipient, current, "bounced", occurred, Counter.BOUNCED);
                    suppressions.add(tenantId, recipient, "hard_bounce", eventId, null, now);
                }
            }
            case COMPLAINED -> {
                engage(tenantId, m, recipient, current, Engagement.COMPLAINED, occurred, Counter.COMPLAINED, null);
                suppressions.add(tenantId, recipient, "complaint", eventId, null, now);
            }
            case UNSUBSCRIBED -> {
                engage(tenantId, m, recipient, current, Engagement.UNSUBSCRIBED, occurred, Counter.UNSUBSCRIBED, null);
                suppressions.add(tenantId, recipient, "unsubscribe", eventId, null, now);
            }
            case OPENED -> engage(tenantId, m, recipient, current, Engagement.OPENED, occurred, Counter.UNIQUE_OPENS, Counter.OPENS);
            case CLICKED -> engage(tenantId, m, recipient, current, Engagement.CLICKED, occurred, Counter.UNIQUE_CLICKS, Counter.CLICKS);
            default -> throw new IllegalStateException("unhandled " + event.type());
        }
        // listeners (outbound webhooks, analytics) see the campaign and recipient ids of the stored message
        // when the provider did not echo them
        EmailEvent matched = new EmailEvent(event.provider(), event.providerEventId(), event.type(), event.bounceKind(),
                event.recipient(), m.id(), event.providerMessageId(),
                event.campaignId() != null ? event.campaignId() : m.campaignId(),
                event.recipientId() != null ? event.recipientId() : m.recipientId(), event.occurredAt(), event.details());
        events.publishEvent(new EmailEventRecorded(tenantId, m.id(), eventId, matched, status));
        return Outcome.RECORDED;
    }

    private String advance(UUID tenantId, Message m, String recipient, Optional<Recipients.Recipient> current,
                           String to, Instant at, Counter counter) {
        String from = current.map(Recipients.Recipient::status).orElse("sent");
        if (current.isEmpty() || RANK.get(to) <= RANK.get(from)) {
            return from;
        }
        recipients.setStatus(tenantId, m.id(), recipient, to, at);
        metrics.add(tenantId, m.campaignId(), counter, 1, clock.instant());
        return to;
    }

    /** Records engagement; {@code first} counts once per recipient, {@code every} counts each event. */
    private void engage(UUID tenantId, Message m, String recipient, Optional<Recipients.Recipient> current,
                        Engagement engagement, Instant at, Counter first, Counter every) {
        if (current.isPresent()) {
            boolean firstTime = switch (engagement) {
                case OPENED -> current.get().openedAt() == null;
                case CLICKED -> current.get().clickedAt() == null;
                case COMPLAINED -> current.get().complainedAt() == null;
                case UNSUBSCRIBED -> current.get().unsubscribedAt() == null;
            };
            recipients.markFirst(tenantId, m.id(), recipient, engagement, at);
            if (firstTime) {
                metrics.add(tenantId, m.campaignId(), first, 1, clock.instant());
            }
        }
        if (every != null) {
            metrics.add(tenantId, m.campaignId(), every, 1, clock.instant());
        }
    }
}
