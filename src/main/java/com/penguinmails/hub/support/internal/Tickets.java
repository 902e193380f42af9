package com.penguinmails.hub.support.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * The tickets, their messages and the Message-IDs that thread their email. Reads see what row-level
 * security lets the transaction see: one tenant's tickets, or every ticket for staff.
 */
@Repository
class Tickets {

    private static final String NEXT_NUMBER = "select nextval('support_ticket_number_seq')";
    private static final String INSERT = """
            insert into support_tickets (tenant_id, id, number, subject, description, customer_email, customer_name,
                user_id, priority, category, channel, status, assignee_id, tags, metadata, routing_rule, routing_reason,
                created_at, updated_at, first_response_due_at, resolution_due_at, sla_next_check_at)
            values (:tenant, :id, :number, :subject, :description, :email, :name, :user, :priority, :category, :channel,
                :status, :assignee, cast(:tags as text[]), cast(:metadata as jsonb), :rule, :reason, :created, :created,
                :firstDue, :resolutionDue, :nextCheck)""";
    private static final String UPDATE = """
            update support_tickets set subject = :subject, priority = :priority, category = :category, status = :status,
                assignee_id = :assignee, tags = cast(:tags as text[]), metadata = cast(:metadata as jsonb),
                updated_at = :updated, first_responded_at = :firstResponded, solved_at = :solved, closed_at = :closed,
                first_response_due_at = :firstDue, resolution_due_at = :resolutionDue, paused_since = :pausedSince,
                paused_seconds = :pausedSeconds, sla_next_check_at = :nextCheck
            where tenant_id = :tenant and id = :id""";
    private static final String FIND = """
            select * from support_tickets where id = :id""";
    private static final String FIND_IN_TENANT = """
            select * from support_tickets where tenant_id = :tenant and id = :id""";
    private static final String LOCK = """
            select * from support_tickets where tenant_id = :tenant and id = :id for update""";
    private static final String QUEUE = """
            select * from support_tickets
            where (cast(:tenant as uuid) is null or tenant_id = :tenant)
              and (cast(:status as text) is null or status = :status)
              and (cast(:priority as text) is null or priority = :priority)
              and (cast(:category as text) is null or category = :category)
              and (cast(:assignee as uuid) is null or assignee_id = :assignee)
              and (cast(:open as boolean) is null or (status not in ('solved', 'closed')) = :open)
              and (cast(:before as timestamptz) is null or created_at < :before)
              and (cast(:query as text) is null or subject ilike :query or customer_email ilike :query)
            order by created_at desc, id
            limit :limit""";
    private static final String FOR_TENANT = """
            select * from support_tickets where tenant_id = :tenant
              and (cast(:before as timestamptz) is null or created_at < :before)
            order by created_at desc, id limit :limit""";
    private static final String INSERT_MESSAGE = """
            insert into support_messages (tenant_id, id, ticket_id, author_type, author_user_id, author_email, author_name,
                visibility, message_type, channel, body, metadata, time_spent_seconds, created_at)
            values (:tenant, :id, :ticket, :authorType, :authorUser, :authorEmail, :authorName, :visibility, :type,
                :channel, :body, cast(:metadata as jsonb), :timeSpent, :created)""";
    private static final String MESSAGES = """
            select * from support_messages where tenant_id = :tenant and ticket_id = :ticket
              and (:internal or visibility = 'public')
            order by created_at, seq""";
    private static final String ADD_EMAIL_ID = """
            insert into support_email_ids (tenant_id, message_id, ticket_id, direction, created_at)
            values (:tenant, :messageId, :ticket, :direction, :now)
            on conflict do nothing""";
    private static final String EMAIL_IDS = """
            select message_id from support_email_ids where tenant_id = :tenant and ticket_id = :ticket
            order by seq""";
    private static final String BY_EMAIL_IDS = """
            select * from support_thread_by_email_ids(cast(:ids as text[]), :sender)""";
    private static final String STAFF_OF_SENDER = "select user_id, name from support_staff_of_sender(:sender)";
    private static final String BY_NUMBER = "select * from support_ticket_by_number(:number, :sender)";
    private static final String TENANT_OF_SENDER = "select tenant_id, user_id from support_tenant_of_sender(:sender)";
    private static final String EMAIL_ID_KNOWN = "select exists (select 1 from support_ticket_by_email_ids(cast(:ids as text[])))";

    record TicketRef(UUID tenantId, UUID ticketId) {
    }

    record NumberMatch(UUID tenantId, UUID ticketId, String customerEmail, boolean senderIsMember) {
    }

    record Member(UUID tenantId, UUID userId) {
    }

    record StaffSender(UUID userId, String name) {
    }

    record QueueFilter(UUID tenantId, String status, String priority, String category, UUID assigneeId, Boolean open,
                       Instant before, String query, int limit) {
    }

    private final JdbcClient jdbc;
    private final SqlValues values;

    Tickets(JdbcClient jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    long nextNumber() {
        return jdbc.sql(NEXT_NUMBER).query(Long.class).single();
    }

    void insert(Ticket t, Instant nextCheck) {
        jdbc.sql(INSERT).param("tenant", t.tenantId()).param("id", t.id()).param("number", t.number())
                .param("subject", t.subject()).param("description", t.description())
                .param("email", t.customerEmail()).param("name", t.customerName()).param("user", t.userId())
                .param("priority", t.priority()).param("category", t.category()).param("channel", t.channel())
                .param("status", t.status()).param("assignee", t.assigneeId()).param("tags", array(t.tags()))
                .param("metadata", values.jsonb(t.metadata())).param("rule", t.routingRule())
                .param("reason", t.routingReason()).param("created", SqlValues.timestamp(t.createdAt()))
                .param("firstDue", SqlValues.timestamp(t.firstResponseDueAt()))
                .param("resolutionDue", SqlValues.timestamp(t.resolutionDueAt()))
                .param("nextCheck", SqlValues.timestamp(nextCheck)).update();
    }

    void update(Ticket t, Instant nextCheck) {
        jdbc.sql(UPDATE).param("tenant", t.tenantId()).param("id", t.id()).param("subject", t.subject())
                .param("priority", t.priority()).param("category", t.category()).param("status", t.status())
                .param("assignee", t.assigneeId()).param("tags", array(t.tags()))
                .param("metadata", values.jsonb(t.metadata())).param("updated", SqlValues.timestamp(t.updatedAt()))
                .param("firstResponded", SqlValues.timestamp(t.firstRespondedAt()))
                .param("solved", SqlValues.timestamp(t.solvedAt())).param("closed", SqlValues.timestamp(t.closedAt()))
                .param("firstDue", SqlValues.timestamp(t.firstResponseDueAt()))
                .param("resolutionDue", SqlValues.timestamp(t.resolutionDueAt()))
                .param("pausedSince", SqlValues.timestamp(t.pausedSince())).param("pausedSeconds", t.pausedSeconds())
                .param("nextCheck", SqlValues.timestamp(nextCheck)).update();
    }

    /** Any ticket the transaction may see (staff: all). */
    Optional<Ticket> find(UUID id) {
        return jdbc.sql(FIND).param("id", id).query(this::ticket).optional();
    }

    Optional<Ticket> find(UUID tenantId, UUID id) {
        return jdbc.sql(FIND_IN_TENANT).param("tenant", tenantId).param("id", id).query(this::ticket).optional();
    }

    Optional<Ticket> lock(UUID tenantId, UUID id) {
        return jdbc.sql(LOCK).param("tenant", tenantId).param("id", id).query(this::ticket).optional();
    }

    List<Ticket> queue(QueueFilter f) {
        return jdbc.sql(QUEUE).param("tenant", f.tenantId()).param("status", f.status()).param("priority", f.priority())
                .param("category", f.category()).param("assignee", f.assigneeId()).param("open", f.open())
                .param("before", SqlValues.timestamp(f.before()))
                .param("query", f.query() == null ? null : "%" + f.query().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%")
                .param("limit", f.limit()).query(this::ticket).list();
    }

    List<Ticket> ofTenant(UUID tenantId, Instant before, int limit) {
        return jdbc.sql(FOR_TENANT).param("tenant", tenantId).param("before", SqlValues.timestamp(before))
                .param("limit", limit).query(this::ticket).list();
    }

    void insertMessage(TicketMessage m) {
        jdbc.sql(INSERT_MESSAGE).param("tenant", m.tenantId()).param("id", m.id()).param("ticket", m.ticketId())
                .param("authorType", m.authorType()).param("authorUser", m.authorUserId())
                .param("authorEmail", m.authorEmail()).param("authorName", m.authorName())
                .param("visibility", m.visibility()).param("type", m.messageType()).param("channel", m.channel())
                .param("body", m.body()).param("metadata", values.jsonb(m.metadata()))
                .param("timeSpent", m.timeSpentSeconds()).param("created", SqlValues.timestamp(m.createdAt())).update();
    }

    List<TicketMessage> messages(UUID tenantId, UUID ticketId, boolean includeInternal) {
        return jdbc.sql(MESSAGES).param("tenant", tenantId).param("ticket", ticketId).param("internal", includeInternal)
                .query(this::message).list();
    }

    /** Remembers a Message-ID of the ticket; false when it is already known (anywhere). */
    boolean addEmailId(UUID tenantId, String messageId, UUID ticketId, String direction, Instant now) {
        return jdbc.sql(ADD_EMAIL_ID).param("tenant", tenantId).param("messageId", messageId).param("ticket", ticketId)
                .param("direction", direction).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    List<String> emailIds(UUID tenantId, UUID ticketId) {
        return jdbc.sql(EMAIL_IDS).param("tenant", tenantId).param("ticket", ticketId).query(String.class).list();
    }

    /**
     * The ticket that sent or received one of these Message-IDs, across tenants, with who may write to
     * it (its customer's address, whether {@code sender} is a member of its tenant).
     */
    Optional<NumberMatch> byEmailIds(List<String> ids, String sender) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql(BY_EMAIL_IDS).param("ids", ids.toArray(String[]::new)).param("sender", sender)
                .query((rs, row) -> new NumberMatch(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("ticket_id", UUID.class), rs.getString("customer_email"),
                        rs.getBoolean("sender_is_member"))).optional();
    }

    /** The staff member whose account address this is, if any. */
    Optional<StaffSender> staffOfSender(String sender) {
        return jdbc.sql(STAFF_OF_SENDER).param("sender", sender)
                .query((rs, row) -> new StaffSender(rs.getObject("user_id", UUID.class), rs.getString("name")))
                .optional();
    }

    boolean emailIdKnown(String messageId) {
        return jdbc.sql(EMAIL_ID_KNOWN).param("ids", new String[] {messageId}).query(Boolean.class).single();
    }

    Optional<NumberMatch> byNumber(long number, String sender) {
        return jdbc.sql(BY_NUMBER).param("number", number).param("sender", sender)
                .query((rs, row) -> new NumberMatch(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("ticket_id", UUID.class), rs.getString("customer_email"),
                        rs.getBoolean("sender_is_member"))).optional();
    }

    Optional<Member> tenantOfSender(String sender) {
        return jdbc.sql(TENANT_OF_SENDER).param("sender", sender)
                .query((rs, row) -> new Member(rs.getObject("tenant_id", UUID.class), rs.getObject("user_id", UUID.class)))
                .optional();
    }

    boolean isStaff(UUID userId) {
        return jdbc.sql("select exists (select 1 from staff_members where user_id = :id and is_staff)")
                .param("id", userId).query(Boolean.class).single();
    }

    private static String[] array(List<String> list) {
        return list == null ? new String[0] : list.toArray(String[]::new);
    }

    Ticket ticket(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Ticket(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class), rs.getLong("number"),
                rs.getString("subject"), rs.getString("description"), rs.getString("customer_email"),
                rs.getString("customer_name"), rs.getObject("user_id", UUID.class), rs.getString("priority"),
                rs.getString("category"), rs.getString("channel"), rs.getString("status"),
                rs.getObject("assignee_id", UUID.class),
                tags == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) tags.getArray())),
                values.jsonbMap(rs, "metadata"), rs.getString("routing_rule"), rs.getString("routing_reason"),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"),
                SqlValues.instant(rs, "first_responded_at"), SqlValues.instant(rs, "solved_at"),
                SqlValues.instant(rs, "closed_at"), SqlValues.instant(rs, "first_response_due_at"),
                SqlValues.instant(rs, "resolution_due_at"), SqlValues.instant(rs, "paused_since"),
                rs.getLong("paused_seconds"));
    }

    private TicketMessage message(ResultSet rs, int row) throws SQLException {
        return new TicketMessage(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("ticket_id", UUID.class), rs.getString("author_type"),
                rs.getObject("author_user_id", UUID.class), rs.getString("author_email"), rs.getString("author_name"),
                rs.getString("visibility"), rs.getString("message_type"), rs.getString("channel"), rs.getString("body"),
                values.jsonbMap(rs, "metadata"), rs.getInt("time_spent_seconds"), SqlValues.instant(rs, "created_at"));
    }
}
