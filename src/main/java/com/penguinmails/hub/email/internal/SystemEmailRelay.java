package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.platform.database.TenantTransactions;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands the hub's own emails (verification, notifications) to the sending queue as messages of
 * the system tenant ({@code hub.email.system.tenant-id}, sent through its
 * {@code integration-id}), so they get the same retries, failover and delivery events as any
 * message. The hand-over and the queued message commit together; a system email is taken by one
 * node only ({@code FOR UPDATE SKIP LOCKED}). Without a system sender configured, they wait.
 */
@Component
class SystemEmailRelay {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    private static final Logger log = LoggerFactory.getLogger(SystemEmailRelay.class);

    private static final String PENDING = """
            select id, kind, to_address, subject, body_text, body_html, reply_to, headers, created_at from system_emails
            where sent_at is null order by created_at limit :max for update skip locked""";
    private static final String HANDED_OVER = """
            update system_emails set sent_at = :now, message_id = :message, attempts = attempts + 1 where id = :id""";

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Recipients recipients;
    private final TenantTransactions transactions;
    private final SendingWorker worker;
    private final EmailProperties.SystemSender system;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final JsonMapper json;

    SystemEmailRelay(JdbcClient jdbc, Messages messages, Recipients recipients, TenantTransactions transactions,
                     SendingWorker worker, EmailProperties properties, TaskScheduler scheduler, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.recipients = recipients;
        this.transactions = transactions;
        this.worker = worker;
        this.system = properties.system();
        this.scheduler = scheduler;
        this.clock = clock;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (system.tenantId() == null || system.integrationId() == null) {
            log.warn("No system email sender configured (hub.email.system.tenant-id and integration-id): "
                    + "verification emails wait in system_emails");
            return;
        }
        scheduler.scheduleWithFixedDelay(this::relaySafely, java.time.Duration.ofSeconds(2));
    }

    private void relaySafely() {
        try {
            relay();
        } catch (RuntimeException e) {
            log.error("Relaying system emails failed; trying again", e);
        }
    }

    private record Pending(UUID id, String kind, String to, String subject, String body, String html, String replyTo,
                           Map<String, String> headers, Instant createdAt) {
    }

    /** Queues pending system emails; answers how many. */
    int relay() {
        if (system.tenantId() == null || system.integrationId() == null) {
            return 0;
        }
        int relayed = transactions.inTenant(system.tenantId(), () -> {
            List<Pending> pending = jdbc.sql(PENDING).param("max", 100).query((rs, n) -> new Pending(
                    rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("to_address"),
                    rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getString("reply_to"),
                    json.readValue(rs.getString("headers"), HEADERS), SqlValues.instant(rs, "created_at"))).list();
            Instant now = clock.instant();
            for (Pending email : pending) {
                UUID messageId = UUID.randomUUID();
                messages.insert(new Message(system.tenantId(), messageId, "system:" + email.id(), null,
                        system.integrationId(), null, null, null, false, system.from(), email.replyTo(), email.subject(),
                        email.html(), email.body(), null, null, Map.of("system_email_kind", email.kind()), null, null,
                        List.of(email.kind()), email.headers(), "queued", 0, null, now, null, null));
                recipients.insert(system.tenantId(), messageId, email.to().toLowerCase(java.util.Locale.ROOT), "to", now);
                jdbc.sql(HANDED_OVER).param("now", SqlValues.timestamp(now)).param("message", messageId)
                        .param("id", email.id()).update();
            }
            return pending.size();
        });
        if (relayed > 0) {
            worker.nudge();
        }
        return relayed;
    }
}
