package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.EmailProvider;
import com.penguinmails.hub.email.MessageSent;
import com.penguinmails.hub.email.OutgoingEmail;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.work.PollingLoop;

/**
 * Sends queued messages. Messages are leased through {@code claim_email_messages}
 * ({@code FOR UPDATE SKIP LOCKED}), so any number of nodes share the work and a node's crash only
 * delays its leased messages until the lease ends. The provider is called outside any transaction
 * (through the gateway); the outcome is written afterwards. When the primary ESP's circuit is open
 * or it refuses the message for good, the tenant's failover ESP sends instead; retryable failures
 * wait and try again, up to {@code max-attempts}.
 *
 * <p>{@code lanes} loops each lease a batch and hand its messages to the shared pool of
 * {@code threads} senders, so one lane claims and records while another's batch is on the wire.
 */
@Component
class SendingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SendingWorker.class);

    private final Messages messages;
    private final Recipients recipients;
    private final Suppressions suppressions;
    private final CampaignMetrics metrics;
    private final EspChoice esp;
    private final com.penguinmails.hub.oauth.MailboxSender mailboxes;
    private final IntegrationRegistry registry;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final EmailProperties.Sending settings;
    private final Clock clock;
    private final List<PollingLoop> lanes;
    private ExecutorService senders;

    SendingWorker(Messages messages, Recipients recipients, Suppressions suppressions, CampaignMetrics metrics, EspChoice esp,
                  com.penguinmails.hub.oauth.MailboxSender mailboxes,
                  IntegrationRegistry registry, TenantTransactions transactions, ApplicationEventPublisher events,
                  MeterRegistry meters, EmailProperties properties, Clock clock) {
        this.messages = messages;
        this.recipients = recipients;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.esp = esp;
        this.mailboxes = mailboxes;
        this.registry = registry;
        this.transactions = transactions;
        this.events = events;
        this.meters = meters;
        this.settings = properties.sending();
        this.clock = clock;
        this.lanes = java.util.stream.IntStream.rangeClosed(1, Math.max(1, settings.lanes()))
                .mapToObj(n -> new PollingLoop("email-sending-worker-" + n, this::runOnce, settings.pollInterval()))
                .toList();
    }

    void nudge() {
        lanes.forEach(PollingLoop::nudge);
    }

    /**
     * A claimed message still queued, with the recipients it goes to; {@code partlySuppressed} when some
     * of its recipients were suppressed after it was queued (they are dropped, not sent to).
     */
    private record Ready(Message message, OutgoingEmail email, boolean partlySuppressed) {
    }

    /** A message the provider accepted, recorded with the rest of its batch. */
    private record Sent(OutgoingEmail email, UUID integrationId, String provider, String providerMessageId,
                        boolean failover, boolean partlySuppressed) {
    }

    private record Resolved(IntegrationRef integration, Map<String, String> credentials) {
    }

    /**
     * What one batch shares: each integration it sends through is read and its credentials opened
     * once, and the accepted messages gather to be recorded together.
     */
    private final class Batch {
        private final Map<List<UUID>, Optional<Resolved>> integrations = new ConcurrentHashMap<>();
        private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final java.util.Set<UUID> partlySuppressed = ConcurrentHashMap.newKeySet();

        Optional<Resolved> integration(UUID tenantId, UUID integrationId) {
            return integrations.computeIfAbsent(List.of(tenantId, integrationId), key -> registry
                    .find(tenantId, integrationId)
                    .map(found -> new Resolved(found, registry.credentials(tenantId, integrationId))));
        }
    }

    /**
     * Leases one batch and sends it; answers how many messages it handled. The batch's messages and
     * recipients are read with one query each per tenant; the accepted ones are recorded with one
     * transaction per tenant when the whole batch is through (a node that dies before that sends
     * them again when their lease ends: at least once).
     */
    int runOnce() throws InterruptedException {
        List<Messages.Claimed> claimed = transactions.inCurrentScope(() -> messages.claim(clock.instant(),
                (int) settings.lease().toSeconds(), settings.batchSize()));
        Map<UUID, List<UUID>> byTenant = new LinkedHashMap<>();
        claimed.forEach(c -> byTenant.computeIfAbsent(c.tenantId(), t -> new ArrayList<>()).add(c.id()));
        Batch batch = new Batch();
        List<Future<?>> sends = new ArrayList<>();
        byTenant.forEach((tenant, ids) -> {
            List<Ready> loaded = load(tenant, ids);
            // each integration read and its credentials opened here, once, before the senders start: senders
            // loading it themselves all waited on the first one's database reads
            loaded.stream().map(Ready::message).filter(m -> m.connectionId() == null)
                    .map(Message::requestedIntegrationId).filter(java.util.Objects::nonNull).distinct()
                    .forEach(integration -> batch.integration(tenant, integration));
            loaded.forEach(ready -> {
                if (ready.partlySuppressed()) {
                    batch.partlySuppressed.add(ready.message().id());
                }
                sends.add(senders.submit(() -> sendSafely(ready, batch)));
            });
        });
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("A send task failed unexpectedly", e.getCause());
            }
        }
        recordSent(List.copyOf(batch.sent));
        return claimed.size();
    }

    /** A batch's queued messages of one tenant, their recipients and which of those are suppressed by now. */
    private record Loaded(List<Message> queued, Map<UUID, List<Recipients.Recipient>> recipients,
                          Map<String, String> suppressed) {
    }

    /**
     * The claimed messages still queued, ready to send. The suppression list is read again: an address
     * suppressed after its message was queued (a bounce or complaint on an earlier message) is not sent
     * to; that recipient is {@code dropped} with the reason, counted in the campaign's {@code suppressed},
     * and a message left with no recipient is {@code dropped} without a provider call.
     */
    private List<Ready> load(UUID tenantId, List<UUID> ids) {
        Loaded loaded = transactions.readInTenant(tenantId, () -> {
            List<Message> queued = messages.find(tenantId, ids).stream().filter(m -> "queued".equals(m.status())).toList();
            Map<UUID, List<Recipients.Recipient>> to = recipients.ofMessages(tenantId,
                    queued.stream().map(Message::id).toList());
            List<String> addresses = to.values().stream().flatMap(List::stream)
                    .filter(r -> "queued".equals(r.status())).map(Recipients.Recipient::address).distinct().toList();
            return new Loaded(queued, to, suppressions.reasonsAmong(tenantId, addresses));
        });
        List<Ready> ready = new ArrayList<>();
        Map<Message, List<String>> dropped = new LinkedHashMap<>();
        for (Message m : loaded.queued()) {
            List<Recipients.Recipient> all = loaded.recipients().getOrDefault(m.id(), List.of());
            // recipients dropped on an earlier attempt stay out
            List<Recipients.Recipient> queuedTo = all.stream().filter(r -> "queued".equals(r.status())).toList();
            List<Recipients.Recipient> sendTo = queuedTo.stream()
                    .filter(r -> !loaded.suppressed().containsKey(r.address())).toList();
            if (sendTo.size() < queuedTo.size()) {
                dropped.put(m, queuedTo.stream().map(Recipients.Recipient::address)
                        .filter(a -> loaded.suppressed().containsKey(a)).toList());
            }
            if (!sendTo.isEmpty()) {
                ready.add(new Ready(m, outgoing(m, sendTo), sendTo.size() < all.size()));
            }
        }
        if (!dropped.isEmpty()) {
            dropSuppressed(tenantId, dropped, loaded.suppressed(), ready);
        }
        return ready;
    }

    private void dropSuppressed(UUID tenantId, Map<Message, List<String>> dropped, Map<String, String> reasons,
                                List<Ready> ready) {
        Instant now = clock.instant();
        java.util.Set<UUID> stillSending = new java.util.HashSet<>();
        ready.forEach(r -> stillSending.add(r.message().id()));
        transactions.inTenant(tenantId, () -> dropped.forEach((m, addresses) -> {
            int count = 0;
            for (String address : addresses) {
                if (recipients.dropQueued(tenantId, m.id(), address, "suppressed after the message was queued ("
                        + reasons.get(address) + ")", now)) {
                    count++;
                }
            }
            if (!stillSending.contains(m.id())) {
                messages.markDropped(tenantId, m.id(), "every recipient is suppressed", now);
            }
            metrics.add(tenantId, m.campaignId(), CampaignMetrics.Counter.SUPPRESSED, count, now);
            meters.counter("hub.email.suppressed").increment(count);
        }));
    }

    private void sendSafely(Ready ready, Batch batch) {
        try {
            send(ready.message(), ready.email(), batch);
        } catch (RuntimeException e) {
            log.error("Sending message {} failed unexpectedly; its lease will expire and it is tried again",
                    ready.message().id(), e);
        }
    }

    private void send(Message message, OutgoingEmail email, Batch batch) {
        UUID tenantId = message.tenantId();
        UUID primary = message.requestedIntegrationId();
        if (message.connectionId() != null) {
            sendFromMailbox(message, email, batch);
            return;
        }
        try {
            deliver(email, primary, false, batch);
        } catch (ProviderCallFailed first) {
            Optional<UUID> failover = esp.failover(tenantId, primary);
            boolean switchOver = first.localRefusal().filter(ProviderCallFailed.CIRCUIT_OPEN::equals).isPresent()
                    || !first.error().retryable();
            if (failover.isPresent() && switchOver) {
                try {
                    deliver(email, failover.get(), true, batch);
                    return;
                } catch (ProviderCallFailed second) {
                    giveUpOrRetry(message, failover.get(), second.error());
                    return;
                }
            }
            giveUpOrRetry(message, primary, first.error());
        }
    }

    private void deliver(OutgoingEmail email, UUID integrationId, boolean failover, Batch batch) {
        Resolved resolved = batch.integration(email.tenantId(), integrationId)
                .orElseThrow(() -> new ProviderCallFailed(new IntegrationError(
                        com.penguinmails.hub.gateway.ErrorType.CONFIGURATION, "the integration no longer exists",
                        false, null, null, null)));
        IntegrationRef integration = resolved.integration();
        EmailProvider provider = esp.provider(integration.provider()).orElseThrow(() -> new ProviderCallFailed(
                new IntegrationError(com.penguinmails.hub.gateway.ErrorType.CONFIGURATION,
                        "the hub cannot send through " + integration.provider(), false, null, null, null)));
        String providerMessageId = provider.send(email, integrationId, integration.configuration(),
                resolved.credentials());
        batch.sent.add(new Sent(email, integrationId, integration.provider(), providerMessageId, failover,
                batch.partlySuppressed.contains(email.messageId())));
    }

    /** Records a batch's accepted messages: one transaction per tenant, each campaign's counter once. */
    private void recordSent(List<Sent> sent) {
        Map<UUID, List<Sent>> byTenant = new LinkedHashMap<>();
        sent.forEach(s -> byTenant.computeIfAbsent(s.email().tenantId(), t -> new ArrayList<>()).add(s));
        Instant now = clock.instant();
        byTenant.forEach((tenant, done) -> {
            try {
                transactions.inTenant(tenant, () -> {
                    java.util.Set<UUID> marked = messages.markAllSent(tenant, done.stream().map(s -> new Messages.Accepted(
                            s.email().messageId(), s.integrationId(), s.provider(), s.providerMessageId(), s.failover()))
                            .toList(), now);
                    Map<UUID, Integer> recipientsSent = recipients.markAllSent(tenant, marked, now);
                    Map<String, Integer> perCampaign = new HashMap<>();
                    for (Sent s : done) {
                        OutgoingEmail email = s.email();
                        if (!marked.contains(email.messageId())) {
                            continue; // no longer queued: recorded elsewhere already
                        }
                        int count = recipientsSent.getOrDefault(email.messageId(), 0);
                        if (email.campaignId() != null) {
                            perCampaign.merge(email.campaignId(), count, Integer::sum);
                        }
                        if (s.partlySuppressed()) { // a message shows its most advanced recipient
                            messages.raise(tenant, email.messageId(), "dropped", now);
                        }
                        events.publishEvent(new MessageSent(tenant, email.messageId(), s.integrationId(),
                                s.provider(), s.providerMessageId(), email.campaignId(), count, s.failover()));
                    }
                    perCampaign.forEach((campaign, count) ->
                            metrics.add(tenant, campaign, CampaignMetrics.Counter.SENT, count, now));
                });
                done.forEach(s -> meters.counter("hub.email.sent", "provider", s.provider(), "failover",
                        Boolean.toString(s.failover())).increment());
            } catch (RuntimeException e) {
                log.error("Could not record {} sent messages of tenant {}; their leases will expire and they are "
                        + "sent again", done.size(), tenant, e);
            }
        });
    }

    /** A connected mailbox sends as its own account; the connection refreshes its token on demand. */
    private void sendFromMailbox(Message message, OutgoingEmail email, Batch batch) {
        String provider = registry.find(email.tenantId(), message.requestedIntegrationId())
                .map(IntegrationRef::provider).orElse("oauth");
        try {
            String providerMessageId = mailboxes.send(email.tenantId(), message.connectionId(),
                    new com.penguinmails.hub.oauth.MailboxMessage(displayName(email.from()), email.to(), email.cc(),
                            email.bcc(), email.replyTo(), email.subject(), email.text(), email.html()));
            batch.sent.add(new Sent(email, message.requestedIntegrationId(), provider, providerMessageId, false,
                    batch.partlySuppressed.contains(email.messageId())));
        } catch (ProviderCallFailed failed) {
            giveUpOrRetry(message, message.requestedIntegrationId(), failed.error());
        } catch (com.penguinmails.hub.oauth.OAuthTokenUnavailable unavailable) {
            giveUpOrRetry(message, message.requestedIntegrationId(), new IntegrationError(
                    com.penguinmails.hub.gateway.ErrorType.AUTHENTICATION, unavailable.getMessage(), false, null, null, null));
        }
    }

    private static String displayName(String mailbox) {
        int angle = mailbox.indexOf('<');
        String name = angle > 0 ? mailbox.substring(0, angle).strip().replaceAll("^\"|\"$", "") : "";
        return name.isEmpty() ? null : name;
    }

    private void giveUpOrRetry(Message message, UUID integrationId, IntegrationError error) {
        String reason = error.type().value() + (error.httpStatus() == null ? "" : " (HTTP " + error.httpStatus() + ")")
                + ": " + error.message();
        Instant now = clock.instant();
        transactions.inTenant(message.tenantId(), () -> {
            int attempt = messages.find(message.tenantId(), message.id()).map(Message::attempts).orElse(0) + 1;
            if (error.retryable() && attempt < settings.maxAttempts()) {
                Duration wait = backoff(attempt);
                if (error.retryAfter() != null && error.retryAfter().compareTo(wait) > 0) {
                    wait = error.retryAfter();
                }
                messages.retryLater(message.tenantId(), message.id(), reason, now.plus(wait));
            } else if (messages.markFailed(message.tenantId(), message.id(), integrationId, reason, now)) {
                int count = recipients.markAllFailed(message.tenantId(), message.id(), now);
                metrics.add(message.tenantId(), message.campaignId(), CampaignMetrics.Counter.FAILED, count, now);
                meters.counter("hub.email.failed").increment();
            }
        });
    }

    Duration backoff(int attempt) {
        long millis = settings.retryBase().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.retryMax().toMillis()));
    }

    private static OutgoingEmail outgoing(Message m, List<Recipients.Recipient> recipients) {
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        for (Recipients.Recipient r : recipients) {
            (switch (r.kind()) {
                case "cc" -> cc;
                case "bcc" -> bcc;
                default -> to;
            }).add(r.address());
        }
        return new OutgoingEmail(m.tenantId(), m.id(), m.from(), to, cc, bcc, m.replyTo(), m.subject(), m.html(),
                m.text(), m.templateId(), m.templateData(), m.variables(), m.campaignId(), m.recipientId(), m.tags(),
                m.headers());
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread t = new Thread(runnable, "email-sender");
            t.setDaemon(true);
            return t;
        });
        lanes.forEach(PollingLoop::start);
    }

    @Override
    public void stop() {
        lanes.forEach(PollingLoop::stop);
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return lanes.get(0).isRunning();
    }
}
