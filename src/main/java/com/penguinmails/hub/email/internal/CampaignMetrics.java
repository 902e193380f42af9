package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * Counters per campaign, kept current in the transaction of each send and event. Each counter has
 * its own statement: the column is never built from input.
 */
@Repository
class CampaignMetrics {

    enum Counter {
        SENT("sent"), DELIVERED("delivered"), BOUNCED("bounced"), DEFERRED("deferred"), DROPPED("dropped"),
        FAILED("failed"), COMPLAINED("complained"), UNSUBSCRIBED("unsubscribed"), OPENS("opens"),
        UNIQUE_OPENS("unique_opens"), CLICKS("clicks"), UNIQUE_CLICKS("unique_clicks"), SUPPRESSED("suppressed");

        final String sql;

        Counter(String column) {
            this.sql = """
                    insert into campaign_metrics (tenant_id, campaign_id, %1$s, updated_at) values (:tenant, :campaign, :by, :now)
                    on conflict (tenant_id, campaign_id) do update
                    set %1$s = campaign_metrics.%1$s + :by, updated_at = excluded.updated_at""".formatted(column);
        }
    }

    private static final String ONE = "select * from campaign_metrics where tenant_id = :tenant and campaign_id = :campaign";

    record Metrics(String campaignId, long sent, long delivered, long bounced, long deferred, long dropped, long failed,
                   long complained, long unsubscribed, long opens, long uniqueOpens, long clicks, long uniqueClicks,
                   long suppressed, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    CampaignMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID tenantId, String campaignId, Counter counter, long by, Instant now) {
        if (campaignId == null || by == 0) {
            return;
        }
        jdbc.sql(counter.sql).param("tenant", tenantId).param("campaign", campaignId).param("by", by)
                .param("now", SqlValues.timestamp(now)).update();
    }

    Optional<Metrics> find(UUID tenantId, String campaignId) {
        return jdbc.sql(ONE).param("tenant", tenantId).param("campaign", campaignId).query((rs, n) -> new Metrics(
                rs.getString("campaign_id"), rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("bounced"),
                rs.getLong("deferred"), rs.getLong("dropped"), rs.getLong("failed"), rs.getLong("complained"),
                rs.getLong("unsubscribed"), rs.getLong("opens"), rs.getLong("unique_opens"), rs.getLong("clicks"),
                rs.getLong("unique_clicks"), rs.getLong("suppressed"), SqlValues.instant(rs, "updated_at"))).optional();
    }
}
