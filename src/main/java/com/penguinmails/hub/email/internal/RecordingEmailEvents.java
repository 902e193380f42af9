package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.email.EmailEvent;
import com.penguinmails.hub.email.EmailEventRecorded;
import com.penguinmails.hub.email.EmailEvents;
import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.email.internal.CampaignMetrics.Counter;
import com.penguinmails.hub.email.internal.Recipients.Engagement;

/**
 * Applies a normalised event to the message it belongs to, found by the hub's message id, else the
 * provider's message id, else the campaign and recipient ids the hub attached (with the recipient's
 * address). Delivery status only moves forward by {@link MessageStatus} precedence, for the recipient
 * and for the message (which shows its most advanced recipient); engagement (opened, clicked,
 * complained, unsubscribed) is recorded whatever the status. The campaign's outcome counters
 * (deferred, delivered, bounced, dropped) count recipients by their current status: a move takes the
 * recipient out of the old counter. The provider's event id makes a duplicate a no-op. An event for
 * a message the hub does not know changes nothing and is counted ({@code hub.email.events.unmatched}); one
 * for a message still queued (accepted by the provider, not yet recorded as sent) throws, so that the
 * inbox tries it again later.
 */
@Service
class RecordingEmailEvents implements EmailEvents {

    private static final Logger log = LoggerFactory.getLogger(RecordingEmailEvents.class);

    /** The counter a recipient in each status is counted in; {@code sent} counts every acceptance and stays. */
    private static final Map<String, Counter> OUTCOME = Map.of("deferred", Counter.DEFERRED,
            "delivered", Counter.DELIVERED, "bounced", Counter.BOUNCED, "dropped", Counter.DROPPED, "failed", Counter.FAILED);

    private final Messages messages;
    private final Recipients recipients;
    private final EventHistory history;
    private final Suppressions suppressions;
    private final CampaignMetrics metrics;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;

    RecordingEmailEvents(Messages messages, Recipients recipients, EventHistory history, Suppressions suppressions,
                         CampaignMetrics metrics, ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
        this.messages = messages;
        this.recipients = recipients;
        this.history = history;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public Outcome record(EmailEvent event) {
        UUID tenantId = TenantScope.tenantId().orElseThrow(() -> new IllegalStateException("no tenant in scope"));
        String recipient = event.recipient() == null ? "" : event.recipient().toLowerCase(Locale.ROOT);
        Optional<Message> message = match(tenantId, event, recipient);
        if (message.isEmpty()) {
            meters.counter("hub.email.events.unmatched", "provider", event.provider()).increment();
            // counted above; a line per event at INFO cost the inbox workers a sixth of their CPU under load (bench/run, JFR)
            log.debug("A {} {} event ({}) matches no message of tenant {}; nothing recorded", event.provider(),
                    event.type().value(), event.providerEventId(), tenantId);
            return Outcome.UNKNOWN_MESSAGE;
        }
        Message m = message.get();
        if ("queued".equals(m.status())) {
            // the provider accepted it but the sending worker has not recorded that yet (or recorded it on a
            // node that died): applying the event now would be lost on the recipients still queued
            throw new IllegalStateException("message " + m.id() + " is not recorded as sent yet; the event is tried again");
        }
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
            case DELIVERED -> status = advance(tenantId, m, recipient, current, "delivered", occurred);
            case DEFERRED -> status = advance(tenantId, m, recipient, current, "deferred", occurred);
            case DROPPED -> status = advance(tenantId, m, recipient, current, "dropped", occurred);
            case BOUNCED -> {
                status = advance(tenantId, m, recipient, current, "bounced", occurred);
                // a soft bounce (SendGrid "blocked": refused for now, e.g. the sending IP's reputation) ends this
                // message for the recipient but says nothing lasting about the address
                if (!"soft".equals(event.bounceKind())) {
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
        String messageStatus = messages.raise(tenantId, m.id(), status, occurred) ? status : m.status();
        // listeners (outbound webhooks, analytics) see the campaign and recipient ids of the stored message
        // when the provider did not echo them
        EmailEvent matched = new EmailEvent(event.provider(), event.providerEventId(), event.type(), event.bounceKind(),
                event.recipient(), m.id(), event.providerMessageId(),
                event.campaignId() != null ? event.campaignId() : m.campaignId(),
                event.recipientId() != null ? event.recipientId() : m.recipientId(), event.occurredAt(), event.details());
        events.publishEvent(new EmailEventRecorded(tenantId, m.id(), eventId, matched, status, messageStatus));
        return Outcome.RECORDED;
    }

    private Optional<Message> match(UUID tenantId, EmailEvent event, String recipient) {
        return Optional.ofNullable(event.hubMessageId()).flatMap(id -> messages.find(tenantId, id))
                .or(() -> Optional.ofNullable(event.providerMessageId())
                        .flatMap(id -> messages.byProviderMessageId(tenantId, id)))
                .or(() -> event.campaignId() == null || event.recipientId() == null || recipient.isEmpty()
                        ? Optional.empty()
                        : messages.byCampaignRecipient(tenantId, event.campaignId(), event.recipientId(), recipient));
    }

    private String advance(UUID tenantId, Message m, String recipient, Optional<Recipients.Recipient> current,
                           String to, Instant at) {
        String from = current.map(Recipients.Recipient::status).orElse("sent");
        if (current.isEmpty() || !MessageStatus.recipientMayMove(from, to)) {
            return from;
        }
        recipients.setStatus(tenantId, m.id(), recipient, to, at);
        Instant now = clock.instant();
        Counter left = OUTCOME.get(from);
        if (left != null) {
            metrics.add(tenantId, m.campaignId(), left, -1, now);
        }
        metrics.add(tenantId, m.campaignId(), OUTCOME.get(to), 1, now);
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
