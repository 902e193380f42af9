package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The tenant's suppression list: addresses the hub will not send to. Addresses are stored lower-cased. */
@Repository
class Suppressions {

    private static final String ADD = """
            insert into suppressions (tenant_id, address, reason, source_event_id, note, created_at)
            values (:tenant, lower(:address), :reason, :event, :note, :now)
            on conflict (tenant_id, address) do nothing""";
    private static final String AMONG = """
            select address from suppressions where tenant_id = :tenant and address = any (:addresses)""";
    private static final String REASONS_AMONG = """
            select address, reason from suppressions where tenant_id = :tenant and address = any (:addresses)""";
    private static final String SEARCH = """
            select * from suppressions where tenant_id = :tenant
              and (cast(:query as text) is null or address like '%' || lower(:query) || '%')
              and (cast(:after as text) is null or address > :after)
            order by address limit :limit""";
    private static final String REMOVE = "delete from suppressions where tenant_id = :tenant and address = lower(:address)";

    record Entry(String address, String reason, UUID sourceEventId, String note, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    Suppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean add(UUID tenantId, String address, String reason, UUID sourceEventId, String note, Instant now) {
        return jdbc.sql(ADD).param("tenant", tenantId).param("address", address).param("reason", reason)
                .param("event", sourceEventId).param("note", note).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    List<String> among(UUID tenantId, Collection<String> addresses) {
        return jdbc.sql(AMONG).param("tenant", tenantId)
                .param("addresses", addresses.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new))
                .query(String.class).list();
    }

    /** The suppressed ones of {@code addresses}, each with its reason. */
    Map<String, String> reasonsAmong(UUID tenantId, Collection<String> addresses) {
        Map<String, String> reasons = new java.util.HashMap<>();
        if (!addresses.isEmpty()) {
            jdbc.sql(REASONS_AMONG).param("tenant", tenantId)
                    .param("addresses", addresses.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new))
                    .query(rs -> {
                        reasons.put(rs.getString("address"), rs.getString("reason"));
                    });
        }
        return reasons;
    }

    List<Entry> search(UUID tenantId, String query, String after, int limit) {
        return jdbc.sql(SEARCH).param("tenant", tenantId).param("query", query).param("after", after)
                .param("limit", limit)
                .query((rs, n) -> new Entry(rs.getString("address"), rs.getString("reason"),
                        rs.getObject("source_event_id", UUID.class), rs.getString("note"),
                        SqlValues.instant(rs, "created_at")))
                .list();
    }

    boolean remove(UUID tenantId, String address) {
        return jdbc.sql(REMOVE).param("tenant", tenantId).param("address", address).update() == 1;
    }
}
