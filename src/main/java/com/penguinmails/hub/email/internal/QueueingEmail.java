package com.penguinmails.hub.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.internal.EmailApi.BatchRecipient;
import com.penguinmails.hub.email.internal.EmailApi.BatchRequest;
import com.penguinmails.hub.email.internal.EmailApi.SendRequest;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Accepts messages: validated, checked against the suppression list, and stored queued in one
 * transaction (the sending workers' outbox). An {@code Idempotency-Key} answers a repeated request
 * with the stored message instead of a second send.
 */
@Service
class QueueingEmail {

    record Queued(List<Message> messages, List<String> suppressed, boolean replay) {
    }

    /** The "size" of a single send in {@link #replay}: its key is stored as given, not numbered. */
    private static final int SINGLE = 0;

    private final Messages messages;
    private final Recipients recipients;
    private final Suppressions suppressions;
    private final CampaignMetrics metrics;
    private final EspChoice esp;
    private final MailboxChoice mailboxes;
    private final SendingWorker worker;
    private final TenantTransactions transactions;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    QueueingEmail(Messages messages, Recipients recipients, Suppressions suppressions, CampaignMetrics metrics,
                  EspChoice esp, MailboxChoice mailboxes, SendingWorker worker, TenantTransactions transactions, JsonMapper json,
                  MeterRegistry meters, Clock clock) {
        this.messages = messages;
        this.recipients = recipients;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.esp = esp;
        this.mailboxes = mailboxes;
        this.worker = worker;
        this.transactions = transactions;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
    }

    Queued send(UUID tenantId, SendRequest r, String idempotencyKey) {
        requireContent(r.subject(), r.html(), r.text(), r.templateId(), r.tags(), r.headers());
        String hash = hash(r);
        Optional<Queued> replay = replay(tenantId, idempotencyKey, hash, SINGLE);
        if (replay.isPresent()) {
            return replay.get();
        }
        UUID integration = r.connectionId() != null
                ? mailboxes.integrationOf(tenantId, r.connectionId(), r.templateId())
                : esp.primary(tenantId, r.integrationId());
        Map<String, String> addresses = new LinkedHashMap<>();
        r.to().forEach(a -> addresses.putIfAbsent(a.toLowerCase(Locale.ROOT), "to"));
        listOrEmpty(r.cc()).forEach(a -> addresses.putIfAbsent(a.toLowerCase(Locale.ROOT), "cc"));
        listOrEmpty(r.bcc()).forEach(a -> addresses.putIfAbsent(a.toLowerCase(Locale.ROOT), "bcc"));
        List<String> suppressed = transactions.readInTenant(tenantId, () -> suppressions.among(tenantId, addresses.keySet()));
        if (!suppressed.isEmpty()) {
            countSuppressed(tenantId, r.campaignId(), suppressed.size());
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "recipient_suppressed",
                    "The tenant's suppression list holds " + suppressed.size() + " of the recipients; nothing was sent")
                    .with("suppressed", suppressed);
        }
        Instant now = clock.instant();
        Message message = new Message(tenantId, UUID.randomUUID(), idempotencyKey, hash, integration, null, null, null,
                false, r.from(), r.replyTo(), r.subject(), r.html(), r.text(), r.templateId(), r.templateData(),
                r.variables() == null ? Map.of() : r.variables(), r.campaignId(), r.recipientId(), listOrEmpty(r.tags()),
                r.headers() == null ? Map.of() : r.headers(), "queued", 0, null, now, null, r.connectionId());
        return store(tenantId, List.of(new Pending(message, addresses)), List.of(), idempotencyKey, hash, SINGLE);
    }

    Queued sendBatch(UUID tenantId, BatchRequest r, String idempotencyKey) {
        requireContent(r.subject(), r.html(), r.text(), r.templateId(), r.tags(), r.headers());
        String hash = hash(r);
        Optional<Queued> replay = replay(tenantId, idempotencyKey, hash, r.recipients().size());
        if (replay.isPresent()) {
            return replay.get();
        }
        UUID integration = r.connectionId() != null
                ? mailboxes.integrationOf(tenantId, r.connectionId(), r.templateId())
                : esp.primary(tenantId, r.integrationId());
        List<String> all = r.recipients().stream().map(x -> x.email().toLowerCase(Locale.ROOT)).toList();
        List<String> suppressed = transactions.readInTenant(tenantId, () -> suppressions.among(tenantId, all));
        countSuppressed(tenantId, r.campaignId(), suppressed.size());
        Instant now = clock.instant();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < r.recipients().size(); i++) {
            BatchRecipient recipient = r.recipients().get(i);
            String address = recipient.email().toLowerCase(Locale.ROOT);
            if (suppressed.contains(address)) {
                continue;
            }
            Map<String, Object> templateData = new LinkedHashMap<>(r.templateData() == null ? Map.of() : r.templateData());
            if (recipient.templateData() != null) {
                templateData.putAll(recipient.templateData());
            }
            pending.add(new Pending(new Message(tenantId, UUID.randomUUID(),
                    idempotencyKey == null ? null : idempotencyKey + ":" + i, hash, integration, null, null, null, false,
                    r.from(), r.replyTo(), r.subject(), r.html(), r.text(), r.templateId(),
                    r.templateId() == null && templateData.isEmpty() ? null : templateData,
                    recipient.variables() == null ? Map.of() : recipient.variables(), r.campaignId(),
                    recipient.recipientId(), listOrEmpty(r.tags()), r.headers() == null ? Map.of() : r.headers(),
                    "queued", 0, null, now, null, r.connectionId()), Map.of(address, "to")));
        }
        return store(tenantId, pending, suppressed, idempotencyKey, hash, r.recipients().size());
    }

    private record Pending(Message message, Map<String, String> recipients) {
    }

    private Queued store(UUID tenantId, List<Pending> pending, List<String> suppressed, String key, String hash,
                         int size) {
        try {
            transactions.inTenant(tenantId, () -> {
                messages.insertAll(pending.stream().map(Pending::message).toList());
                List<Recipients.New> to = new ArrayList<>();
                pending.forEach(p -> p.recipients().forEach((address, kind) ->
                        to.add(new Recipients.New(p.message().id(), address, kind))));
                recipients.insertAll(tenantId, to, pending.isEmpty() ? clock.instant() : pending.get(0).message().createdAt());
            });
        } catch (DuplicateKeyException raced) {
            return replay(tenantId, key, hash, size).orElseThrow(() -> raced);
        }
        worker.nudge();
        return new Queued(pending.stream().map(Pending::message).toList(), suppressed, false);
    }

    private Optional<Queued> replay(UUID tenantId, String key, String hash, int size) {
        if (key == null) {
            return Optional.empty();
        }
        // a batch stores key:0 … key:n-1 (suppressed ones missing)
        List<String> keys = size == SINGLE ? List.of(key)
                : java.util.stream.IntStream.range(0, size).mapToObj(i -> key + ":" + i).toList();
        List<Message> found = transactions.readInTenant(tenantId, () -> messages.byIdempotencyKeys(tenantId, keys));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!found.get(0).requestHash().equals(hash)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request");
        }
        return Optional.of(new Queued(found, List.of(), true));
    }

    private void countSuppressed(UUID tenantId, String campaignId, int count) {
        if (count == 0) {
            return;
        }
        meters.counter("hub.email.suppressed").increment(count);
        transactions.inTenant(tenantId, () -> metrics.add(tenantId, campaignId, CampaignMetrics.Counter.SUPPRESSED,
                count, clock.instant()));
    }

    /**
     * Headers the hub sets itself (from the message's own fields) or the providers reserve (SendGrid's list):
     * a custom header of one of these names could add recipients or forge the message.
     */
    static final Set<String> RESERVED_HEADERS = Set.of("to", "from", "subject", "reply-to", "cc", "bcc",
            "content-type", "content-transfer-encoding", "x-sg-id", "x-sg-eid", "received", "dkim-signature");

    private static void requireContent(String subject, String html, String text, String templateId, List<String> tags,
                                       Map<String, String> headers) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        if (templateId == null && html == null && text == null) {
            problems.add(new ApiProblem.FieldProblem("html", "give html, text or a templateId"));
        }
        if (templateId == null && (subject == null || subject.isBlank())) {
            problems.add(new ApiProblem.FieldProblem("subject", "is required without a template"));
        }
        // a line break in a value that becomes a header line would start a header of the caller's choosing
        if (subject != null && breaksLine(subject)) {
            problems.add(new ApiProblem.FieldProblem("subject", "must be one line (no CR or LF)"));
        }
        for (int i = 0; tags != null && i < tags.size(); i++) {
            if (tags.get(i) != null && breaksLine(tags.get(i))) {
                problems.add(new ApiProblem.FieldProblem("tags[" + i + "]", "must be one line (no CR or LF)"));
            }
        }
        if (headers != null) {
            new java.util.TreeMap<>(headers).forEach((name, value) -> {
                if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(new ApiProblem.FieldProblem("headers." + name,
                            "is set from the message's own fields or reserved by the provider; not a custom header"));
                } else if (value != null && breaksLine(value)) {
                    problems.add(new ApiProblem.FieldProblem("headers." + name, "must be one line (no CR or LF)"));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalidFields(problems);
        }
    }

    private static boolean breaksLine(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }

    private String hash(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
