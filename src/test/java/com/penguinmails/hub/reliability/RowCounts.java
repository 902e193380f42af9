package com.penguinmails.hub.reliability;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.penguinmails.hub.testkit.TestDatabase;

/**
 * Row counts of every table of the hub's schema, in one statement: tenant tables counted for the
 * given tenants only (other test classes' tenants are none of our business), the others whole.
 * Tables written only by background bookkeeping are left out.
 */
final class RowCounts {

    /** Written by jobs and workers on their own, never by a request's own transaction. */
    static final Set<String> BACKGROUND_ONLY = Set.of("flyway_schema_history", "scheduled_job_runs",
            "gateway_rate_limit_buckets", "webhook_attempts");

    /** The longest wait for background work to settle after an accepted request. */
    static final java.time.Duration AFTERMATH = java.time.Duration.ofSeconds(10);
    /** Two snapshots this far apart that agree count as settled (twice the workers' 100 ms poll interval in tests). */
    static final java.time.Duration SETTLE_GAP = java.time.Duration.ofMillis(200);

    private static final String COUNT_ALL = """
            select t.table_name,
                   (xpath('/row/c/text()', query_to_xml(
                       case when exists (select 1 from information_schema.columns c
                                         where c.table_schema = t.table_schema and c.table_name = t.table_name
                                           and c.column_name = 'tenant_id')
                            then format('select count(*) as c from %I.%I where tenant_id = any(%L::uuid[])',
                                        t.table_schema, t.table_name, ?::text)
                            else format('select count(*) as c from %I.%I', t.table_schema, t.table_name) end,
                       false, true, '')))[1]::text::bigint
            from information_schema.tables t
            where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and not (t.table_name = any(?))""";

    /** Whether a request was accepted since the last settled snapshot: work it set off may still be writing rows. */
    private static volatile boolean unsettled;

    private RowCounts() {
    }

    /** Notes that a request was accepted, so the next snapshot waits for its background work to settle. */
    static void accepted() {
        unsettled = true;
    }

    /**
     * The row counts once background work has settled: right after an accepted request (its queued emails
     * sent and recorded, its inbox events processed, its relayed events written), snapshots are taken
     * {@link #SETTLE_GAP} apart until two agree, so rows that work writes later are not charged to the next
     * request (waiting at most {@link #AFTERMATH}). With no request accepted since the last settled
     * snapshot, one snapshot is enough.
     */
    static Map<String, Long> settled(List<UUID> tenants) throws SQLException, InterruptedException {
        Map<String, Long> counts = of(tenants);
        if (!unsettled) {
            return counts;
        }
        long deadline = System.nanoTime() + AFTERMATH.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_GAP.toMillis());
            Map<String, Long> again = of(tenants);
            if (again.equals(counts)) {
                break;
            }
            counts = again;
        }
        unsettled = false;
        return counts;
    }

    static Map<String, Long> of(List<UUID> tenants) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestDatabase.asOwner(); PreparedStatement ps = c.prepareStatement(COUNT_ALL)) {
            Array tenantArray = c.createArrayOf("uuid", tenants.toArray());
            ps.setString(1, tenantArray.toString());
            ps.setArray(2, c.createArrayOf("text", BACKGROUND_ONLY.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Tables that hold more rows after than before. */
    static Map<String, String> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> grown = new LinkedHashMap<>();
        after.forEach((table, count) -> {
            long was = before.getOrDefault(table, 0L);
            if (count > was) {
                grown.put(table, was + " → " + count);
            }
        });
        return grown;
    }
}
