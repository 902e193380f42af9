package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * The support report for tickets and requests created in {@code [from, to)}, optionally of one tenant.
 * Definitions (also in the README):
 * <ul>
 * <li>total requests: support requests recorded (tickets opened by any channel, help-center-first and
 *     email-routed requests);</li>
 * <li>average first response / resolution: mean wall-clock seconds from opening to the first public
 *     agent reply / to solving, over the tickets that have one;</li>
 * <li>CSAT: mean rating (1–5) and the share of ratings of 4 or 5, over rated tickets;</li>
 * <li>SLA compliance: the share of tickets with no breach — no breach record, no target met after its
 *     due time, and no unmet target past due while the clock runs;</li>
 * <li>KB deflection: requests routed to the help center first that never became a ticket, divided by
 *     all requests of the range (any channel);</li>
 * <li>cost per ticket: agent time (each agent reply or note counts its stated time, else the configured
 *     default minutes) × cost per agent hour ÷ tickets, in minor units.</li>
 * </ul>
 */
@Repository
class SupportReports {

    private static final String TICKETS = """
            select count(*) as tickets,
                   avg(extract(epoch from first_responded_at - created_at)) as avg_first_response,
                   avg(extract(epoch from solved_at - created_at)) as avg_resolution,
                   count(*) filter (where exists (select 1 from support_sla_events e where e.tenant_id = t.tenant_id
                                                  and e.ticket_id = t.id and e.kind = 'breach')
                                    or first_responded_at > first_response_due_at
                                    or solved_at > resolution_due_at
                                    or (paused_since is null and status not in ('solved', 'closed')
                                        and ((first_responded_at is null and first_response_due_at < :now)
                                             or (solved_at is null and resolution_due_at < :now)))) as breached
            from support_tickets t
            where created_at >= :from and created_at < :to and (cast(:tenant as uuid) is null or tenant_id = :tenant)""";
    private static final String BREAKDOWN = """
            select %s as key, count(*) as n from support_tickets
            where created_at >= :from and created_at < :to and (cast(:tenant as uuid) is null or tenant_id = :tenant)
            group by 1 order by 2 desc, 1""";
    private static final String CSAT = """
            select count(*) as ratings, avg(s.rating) as average, count(*) filter (where s.rating >= 4) as satisfied
            from support_satisfaction s join support_tickets t on t.tenant_id = s.tenant_id and t.id = s.ticket_id
            where t.created_at >= :from and t.created_at < :to and (cast(:tenant as uuid) is null or t.tenant_id = :tenant)""";
    private static final String REQUESTS = """
            select count(*) as requests,
                   count(*) filter (where channel = 'help_center_first' and ticket_id is null) as deflected
            from support_requests
            where created_at >= :from and created_at < :to and (cast(:tenant as uuid) is null or tenant_id = :tenant)""";
    private static final String AGENT_TIME = """
            select coalesce(sum(m.time_spent_seconds), 0) as seconds
            from support_messages m join support_tickets t on t.tenant_id = m.tenant_id and t.id = m.ticket_id
            where m.author_type = 'agent' and t.created_at >= :from and t.created_at < :to
              and (cast(:tenant as uuid) is null or t.tenant_id = :tenant)""";

    record Csat(long ratings, Double averageRating, Double satisfiedShare) {
    }

    record Cost(long agentSeconds, long perAgentHourMinor, String currency, Long perTicketMinor) {
    }

    record Report(Instant from, Instant to, UUID tenantId, long totalRequests, long tickets,
                  Double averageFirstResponseSeconds, Double averageResolutionSeconds, Csat customerSatisfaction,
                  Double slaComplianceRate, Map<String, Long> channelBreakdown, Map<String, Long> categoryBreakdown,
                  Double kbDeflectionRate, Cost supportCost) {
    }

    private final JdbcClient jdbc;
    private final SupportProperties properties;

    SupportReports(JdbcClient jdbc, SupportProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    Report report(Instant from, Instant to, UUID tenant, Instant now) {
        var f = SqlValues.timestamp(from);
        var t = SqlValues.timestamp(to);
        Object[] ticketRow = jdbc.sql(TICKETS).param("from", f).param("to", t).param("tenant", tenant)
                .param("now", SqlValues.timestamp(now)).query((rs, row) -> new Object[] {rs.getLong("tickets"),
                        nullable(rs.getObject("avg_first_response")), nullable(rs.getObject("avg_resolution")),
                        rs.getLong("breached")}).single();
        long tickets = (Long) ticketRow[0];
        long breached = (Long) ticketRow[3];
        Csat csat = jdbc.sql(CSAT).param("from", f).param("to", t).param("tenant", tenant).query((rs, row) -> {
            long ratings = rs.getLong("ratings");
            return new Csat(ratings, ratings == 0 ? null : round(rs.getDouble("average")),
                    ratings == 0 ? null : round((double) rs.getLong("satisfied") / ratings));
        }).single();
        long[] requests = jdbc.sql(REQUESTS).param("from", f).param("to", t).param("tenant", tenant)
                .query((rs, row) -> new long[] {rs.getLong("requests"), rs.getLong("deflected")}).single();
        long agentSeconds = jdbc.sql(AGENT_TIME).param("from", f).param("to", t).param("tenant", tenant)
                .query(Long.class).single();
        SupportProperties.Cost cost = properties.cost();
        Long perTicket = tickets == 0 ? null
                : Math.round(agentSeconds / 3600.0 * cost.perAgentHourMinor() / tickets);
        return new Report(from, to, tenant, requests[0], tickets, (Double) ticketRow[1], (Double) ticketRow[2], csat,
                tickets == 0 ? null : round((double) (tickets - breached) / tickets),
                breakdown("channel", f, t, tenant), breakdown("category", f, t, tenant),
                requests[0] == 0 ? null : round((double) requests[1] / requests[0]),
                new Cost(agentSeconds, cost.perAgentHourMinor(), cost.currency(), perTicket));
    }

    private Map<String, Long> breakdown(String column, Object from, Object to, UUID tenant) {
        // column is one of two constants, never input
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(BREAKDOWN.formatted("channel".equals(column) ? "channel" : "category")).param("from", from)
                .param("to", to).param("tenant", tenant)
                .query(rs -> {
                    counts.put(rs.getString("key"), rs.getLong("n"));
                });
        return counts;
    }

    private static Double nullable(Object value) {
        return value == null ? null : round(((Number) value).doubleValue());
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
