package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code email_recipients} table: each recipient of a message and its delivery status. */
@Repository
class Recipients {

    private static final String INSERT = """
            insert into email_recipients (tenant_id, message_id, address, kind, status, status_at)
            select :tenant, r.message, r.address, r.kind, 'queued', :now
            from unnest(cast(:messages as uuid[]), cast(:addresses as text[]), cast(:kinds as text[]))
                 as r (message, address, kind)
            on conflict do nothing""";
    private static final String OF_MESSAGES = """
            select * from email_recipients where tenant_id = :tenant and message_id in (:messages)
            order by message_id, kind, address""";
    private static final String ONE_FOR_UPDATE = """
            select * from email_recipients where tenant_id = :tenant and message_id = :message and address = :address
            for update""";
    private static final String SENT_OF_MESSAGES = """
            update email_recipients r set status = 'sent', status_at = :now
            from (select distinct unnest(cast(:messages as uuid[]))) as k (message)
            where r.tenant_id = :tenant and r.message_id = k.message and r.status = 'queued'
            returning r.message_id""";
    private static final String ALL_FAILED = """
            update email_recipients set status = 'failed', status_at = :now
            where tenant_id = :tenant and message_id = :message and status = 'queued'""";
    private static final String DROP_QUEUED = """
            update email_recipients set status = 'dropped', status_at = :now, status_reason = :reason
            where tenant_id = :tenant and message_id = :message and address = :address and status = 'queued'""";
    private static final String SET_STATUS = """
            update email_recipients set status = :status, status_at = :at
            where tenant_id = :tenant and message_id = :message and address = :address""";
    private static final String WHERE_RECIPIENT = """
             where tenant_id = :tenant and message_id = :message and address = :address""";

    record Recipient(String address, String kind, String status, Instant statusAt, Instant openedAt,
                     Instant clickedAt, Instant complainedAt, Instant unsubscribedAt, String statusReason) {
    }

    /** First-time engagement marks; each keeps its earliest time. */
    enum Engagement {
        OPENED("update email_recipients set opened_at = coalesce(opened_at, :at)" + WHERE_RECIPIENT),
        CLICKED("update email_recipients set clicked_at = coalesce(clicked_at, :at)" + WHERE_RECIPIENT),
        COMPLAINED("update email_recipients set complained_at = coalesce(complained_at, :at)" + WHERE_RECIPIENT),
        UNSUBSCRIBED("update email_recipients set unsubscribed_at = coalesce(unsubscribed_at, :at)" + WHERE_RECIPIENT);

        final String sql;

        Engagement(String sql) {
            this.sql = sql;
        }
    }

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One recipient of a message about to be stored. */
    record New(UUID messageId, String address, String kind) {
    }

    void insert(UUID tenantId, UUID messageId, String address, String kind, Instant now) {
        insertAll(tenantId, List.of(new New(messageId, address, kind)), now);
    }

    /** Inserts the recipients of many messages with one statement. */
    void insertAll(UUID tenantId, List<New> all, Instant now) {
        if (all.isEmpty()) {
            return;
        }
        jdbc.sql(INSERT).param("tenant", tenantId).param("now", SqlValues.timestamp(now))
                .param("messages", all.stream().map(r -> r.messageId().toString()).toArray(String[]::new))
                .param("addresses", all.stream().map(New::address).toArray(String[]::new))
                .param("kinds", all.stream().map(New::kind).toArray(String[]::new))
                .update();
    }

    /** The recipients of several messages, by message. */
    Map<UUID, List<Recipient>> ofMessages(UUID tenantId, List<UUID> messageIds) {
        Map<UUID, List<Recipient>> byMessage = new java.util.HashMap<>();
        if (!messageIds.isEmpty()) {
            jdbc.sql(OF_MESSAGES).param("tenant", tenantId).param("messages", messageIds).query(rs -> {
                byMessage.computeIfAbsent(rs.getObject("message_id", UUID.class), m -> new java.util.ArrayList<>())
                        .add(map(rs, 0));
            });
        }
        return byMessage;
    }

    Optional<Recipient> lock(UUID tenantId, UUID messageId, String address) {
        return jdbc.sql(ONE_FOR_UPDATE).param("tenant", tenantId).param("message", messageId)
                .param("address", address).query(this::map).optional();
    }

    /** Marks the queued recipients of several messages sent; answers how many per message. */
    Map<UUID, Integer> markAllSent(UUID tenantId, java.util.Collection<UUID> messageIds, Instant now) {
        Map<UUID, Integer> counts = new java.util.HashMap<>();
        if (!messageIds.isEmpty()) {
            jdbc.sql(SENT_OF_MESSAGES).param("tenant", tenantId).param("now", SqlValues.timestamp(now))
                    .param("messages", SqlValues.uuids(messageIds))
                    .query(UUID.class).list().forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        return counts;
    }

    int markAllFailed(UUID tenantId, UUID messageId, Instant now) {
        return jdbc.sql(ALL_FAILED).param("tenant", tenantId).param("message", messageId)
                .param("now", SqlValues.timestamp(now)).update();
    }

    /** Takes a recipient still queued out of the send, with why; answers whether it was still queued. */
    boolean dropQueued(UUID tenantId, UUID messageId, String address, String reason, Instant now) {
        return jdbc.sql(DROP_QUEUED).param("tenant", tenantId).param("message", messageId).param("address", address)
                .param("reason", reason).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    void setStatus(UUID tenantId, UUID messageId, String address, String status, Instant at) {
        jdbc.sql(SET_STATUS).param("tenant", tenantId).param("message", messageId).param("address", address)
                .param("status", status).param("at", SqlValues.timestamp(at)).update();
    }

    void markFirst(UUID tenantId, UUID messageId, String address, Engagement engagement, Instant at) {
        jdbc.sql(engagement.sql).param("tenant", tenantId)
                .param("message", messageId).param("address", address).param("at", SqlValues.timestamp(at)).update();
    }

    private Recipient map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Recipient(rs.getString("address"), rs.getString("kind"), rs.getString("status"),
                SqlValues.instant(rs, "status_at"), SqlValues.instant(rs, "opened_at"),
                SqlValues.instant(rs, "clicked_at"), SqlValues.instant(rs, "complained_at"),
                SqlValues.instant(rs, "unsubscribed_at"), rs.getString("status_reason"));
    }
}
