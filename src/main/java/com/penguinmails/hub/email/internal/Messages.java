package com.penguinmails.hub.email.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code email_messages} table: stored messages and the sending outbox. */
@Repository
class Messages {

    /**
     * Stores many messages in one statement: each column travels as one array (a batch request of
     * 1,000 messages is 19 parameters, not 19,000); a message's tags travel as a JSON array.
     */
    private static final String INSERT = """
            insert into email_messages (tenant_id, id, idempotency_key, request_hash, requested_integration_id,
                from_address, reply_to, subject, html, text_body, template_id, template_data, variables, campaign_id,
                recipient_id, tags, headers, oauth_connection_id, next_attempt_at, created_at, status_at)
            select :tenant, m.id, m.key, m.hash, m.requested, m.from_address, m.reply_to, m.subject, m.html, m.text_body,
                   m.template, m.template_data::jsonb, m.variables::jsonb, m.campaign, m.recipient,
                   array(select jsonb_array_elements_text(m.tags::jsonb)), m.headers::jsonb, m.connection,
                   m.created, m.created, m.created
            from unnest(cast(:ids as uuid[]), cast(:keys as text[]), cast(:hashes as text[]),
                        cast(:requested as uuid[]), cast(:froms as text[]), cast(:replyTos as text[]),
                        cast(:subjects as text[]), cast(:htmls as text[]), cast(:texts as text[]),
                        cast(:templates as text[]), cast(:templateData as text[]), cast(:variables as text[]),
                        cast(:campaigns as text[]), cast(:recipients as text[]), cast(:tags as text[]),
                        cast(:headers as text[]), cast(:connections as uuid[]), cast(:created as timestamptz[]))
                 as m (id, key, hash, requested, from_address, reply_to, subject, html, text_body, template,
                       template_data, variables, campaign, recipient, tags, headers, connection, created)""";
    private static final String BY_ID = "select * from email_messages where tenant_id = :tenant and id = :id";
    private static final String BY_IDS = "select * from email_messages where tenant_id = :tenant and id in (:ids)";
    private static final String BY_KEYS = """
            select * from email_messages where tenant_id = :tenant and idempotency_key = any(cast(:keys as text[]))""";
    private static final String BY_PROVIDER_ID = """
            select * from email_messages where tenant_id = :tenant and provider_message_id = :providerId limit 1""";
    /** The newest message of the campaign sent to this recipient id and address (ids may repeat across follow-ups). */
    private static final String BY_CAMPAIGN_RECIPIENT = """
            select m.* from email_messages m
            where m.tenant_id = :tenant and m.campaign_id = :campaign and m.recipient_id = :recipientId
              and exists (select 1 from email_recipients r
                          where r.tenant_id = m.tenant_id and r.message_id = m.id and r.address = :address)
            order by m.created_at desc limit 1""";
    private static final String CLAIM = "select tenant_id, id from claim_email_messages(:now, :lease, :max)";
    private static final String ALL_SENT = """
            update email_messages m set status = 'sent', integration_id = s.integration, provider = s.provider,
                   provider_message_id = s.provider_id, failover_used = s.failover, attempts = m.attempts + 1,
                   sent_at = :now, status_at = :now, locked_until = null, last_error = null
            from unnest(cast(:ids as uuid[]), cast(:integrations as uuid[]), cast(:providers as text[]),
                        cast(:providerIds as text[]), cast(:failovers as boolean[]))
                 as s (id, integration, provider, provider_id, failover)
            where m.tenant_id = :tenant and m.id = s.id and m.status = 'queued'
            returning m.id""";
    private static final String RETRY = """
            update email_messages set attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                   locked_until = null
            where tenant_id = :tenant and id = :id and status = 'queued'""";
    private static final String FAILED = """
            update email_messages set status = 'failed', attempts = attempts + 1, last_error = :error, locked_until = null,
                   integration_id = coalesce(:integration, integration_id), status_at = :now
            where tenant_id = :tenant and id = :id and status = 'queued'""";
    /**
     * Moves a message that has left the queue up to a recipient's status, never down: the message
     * shows its most advanced recipient ({@link MessageStatus#ORDER}). A queued message is the sending
     * worker's until it is recorded sent, so it is left alone.
     */
    private static final String RAISE = """
            update email_messages set status = :status, status_at = :at
            where tenant_id = :tenant and id = :id and status <> 'queued'
              and array_position(cast(:order as text[]), status) < array_position(cast(:order as text[]), cast(:status as text))""";
    /** A message none of whose recipients may be sent to any more leaves the queue without a provider call. */
    private static final String DROPPED = """
            update email_messages set status = 'dropped', status_at = :now, last_error = :error, locked_until = null
            where tenant_id = :tenant and id = :id and status = 'queued'""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** Readers made once: a message's maps are read for every message a batch claims or answers. */
    private final tools.jackson.databind.ObjectReader objectMap;
    private final tools.jackson.databind.ObjectReader stringMap;

    Messages(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.objectMap = json.readerFor(new TypeReference<Map<String, Object>>() { });
        this.stringMap = json.readerFor(new TypeReference<Map<String, String>>() { });
    }

    void insert(Message m) {
        insertAll(List.of(m));
    }

    /** Inserts messages of one tenant with one statement. */
    void insertAll(List<Message> all) {
        if (all.isEmpty()) {
            return;
        }
        jdbc.sql(INSERT).param("tenant", all.get(0).tenantId())
                .param("ids", column(all, m -> m.id()))
                .param("keys", column(all, Message::idempotencyKey))
                .param("hashes", column(all, Message::requestHash))
                .param("requested", column(all, Message::requestedIntegrationId))
                .param("froms", column(all, Message::from))
                .param("replyTos", column(all, Message::replyTo))
                .param("subjects", column(all, Message::subject))
                .param("htmls", column(all, Message::html))
                .param("texts", column(all, Message::text))
                .param("templates", column(all, Message::templateId))
                .param("templateData", column(all, m -> m.templateData() == null ? null
                        : json.writeValueAsString(m.templateData())))
                .param("variables", column(all, m -> json.writeValueAsString(m.variables())))
                .param("campaigns", column(all, Message::campaignId))
                .param("recipients", column(all, Message::recipientId))
                .param("tags", column(all, m -> json.writeValueAsString(m.tags())))
                .param("headers", column(all, m -> json.writeValueAsString(m.headers())))
                .param("connections", column(all, Message::connectionId))
                .param("created", column(all, Message::createdAt))
                .update();
    }

    /** One column of the rows as the text of an array parameter (null stays null). */
    private static String[] column(List<Message> rows, java.util.function.Function<Message, Object> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            Object v = value.apply(rows.get(i));
            column[i] = v == null ? null : v.toString();
        }
        return column;
    }

    Optional<Message> find(UUID tenantId, UUID id) {
        return jdbc.sql(BY_ID).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    List<Message> find(UUID tenantId, List<UUID> ids) {
        return ids.isEmpty() ? List.of() : jdbc.sql(BY_IDS).param("tenant", tenantId).param("ids", ids).query(this::map).list();
    }

    /** The messages stored under any of these keys, in the keys' order (a key with no message is skipped). */
    List<Message> byIdempotencyKeys(UUID tenantId, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, Message> found = new java.util.HashMap<>();
        jdbc.sql(BY_KEYS).param("tenant", tenantId).param("keys", keys.toArray(String[]::new))
                .query(this::map).list().forEach(m -> found.put(m.idempotencyKey(), m));
        return keys.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    Optional<Message> byProviderMessageId(UUID tenantId, String providerMessageId) {
        return jdbc.sql(BY_PROVIDER_ID).param("tenant", tenantId).param("providerId", providerMessageId)
                .query(this::map).optional();
    }

    Optional<Message> byCampaignRecipient(UUID tenantId, String campaignId, String recipientId, String address) {
        return jdbc.sql(BY_CAMPAIGN_RECIPIENT).param("tenant", tenantId).param("campaign", campaignId)
                .param("recipientId", recipientId).param("address", address).query(this::map).optional();
    }

    /** Answers whether the message moved. */
    boolean raise(UUID tenantId, UUID id, String status, Instant at) {
        return jdbc.sql(RAISE).param("tenant", tenantId).param("id", id).param("status", status)
                .param("order", MessageStatus.ORDER.toArray(String[]::new)).param("at", SqlValues.timestamp(at))
                .update() == 1;
    }

    boolean markDropped(UUID tenantId, UUID id, String error, Instant now) {
        return jdbc.sql(DROPPED).param("tenant", tenantId).param("id", id).param("error", error)
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    record Claimed(UUID tenantId, UUID id) {
    }

    List<Claimed> claim(Instant now, int leaseSeconds, int max) {
        return jdbc.sql(CLAIM).param("now", SqlValues.timestamp(now)).param("lease", leaseSeconds).param("max", max)
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /** What a provider answered for one message of a batch. */
    record Accepted(UUID id, UUID integrationId, String provider, String providerMessageId, boolean failover) {
    }

    /** Marks the batch's still-queued messages sent, in one statement; answers the ids it marked. */
    java.util.Set<UUID> markAllSent(UUID tenantId, List<Accepted> accepted, Instant now) {
        if (accepted.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql(ALL_SENT).param("tenant", tenantId).param("now", SqlValues.timestamp(now))
                .param("ids", accepted.stream().map(a -> a.id().toString()).toArray(String[]::new))
                .param("integrations", accepted.stream().map(a -> a.integrationId() == null ? null
                        : a.integrationId().toString()).toArray(String[]::new))
                .param("providers", accepted.stream().map(Accepted::provider).toArray(String[]::new))
                .param("providerIds", accepted.stream().map(Accepted::providerMessageId).toArray(String[]::new))
                .param("failovers", accepted.stream().map(a -> Boolean.toString(a.failover())).toArray(String[]::new))
                .query(UUID.class).list());
    }

    void retryLater(UUID tenantId, UUID id, String error, Instant next) {
        jdbc.sql(RETRY).param("tenant", tenantId).param("id", id).param("error", error)
                .param("next", SqlValues.timestamp(next)).update();
    }

    boolean markFailed(UUID tenantId, UUID id, UUID integrationId, String error, Instant now) {
        return jdbc.sql(FAILED).param("tenant", tenantId).param("id", id).param("integration", integrationId)
                .param("error", error).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    private Message map(ResultSet rs, int row) throws SQLException {
        String templateData = rs.getString("template_data");
        return new Message(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("idempotency_key"), rs.getString("request_hash"),
                rs.getObject("requested_integration_id", UUID.class), rs.getObject("integration_id", UUID.class),
                rs.getString("provider"), rs.getString("provider_message_id"), rs.getBoolean("failover_used"),
                rs.getString("from_address"), rs.getString("reply_to"), rs.getString("subject"), rs.getString("html"),
                rs.getString("text_body"), rs.getString("template_id"),
                templateData == null ? null : objectMap.readValue(templateData),
                stringMap(rs.getString("variables")),
                rs.getString("campaign_id"), rs.getString("recipient_id"),
                Arrays.asList((String[]) rs.getArray("tags").getArray()),
                stringMap(rs.getString("headers")),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "sent_at"),
                rs.getObject("oauth_connection_id", UUID.class), SqlValues.instant(rs, "status_at"));
    }

    private Map<String, String> stringMap(String jsonb) {
        return "{}".equals(jsonb) ? Map.of() : stringMap.readValue(jsonb);
    }
}
