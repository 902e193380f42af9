package com.penguinmails.hub.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What each statement cost the test database between {@link #reset()} and {@link #table(int, long, String)}, from
 * pg_stat_statements, when the JVM runs with {@code -Dtest.db.statement-statistics=true} (for a benchmark:
 * {@code -Dbench.jvm=-Dtest.db.statement-statistics=true}); otherwise both do nothing. Nested statements
 * (those a function runs) have rows of their own, and their time is also in the calling statement's.
 */
public final class StatementStatistics {

    private static final String TOP = """
            select calls, total_plan_time, total_exec_time, rows, shared_blks_hit + shared_blks_read as blocks,
                   wal_records, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
            from pg_stat_statements order by total_plan_time + total_exec_time desc limit %d""";

    private StatementStatistics() {
    }

    public static boolean enabled() {
        return TestDatabase.STATEMENT_STATISTICS;
    }

    /** Forgets what was counted so far. */
    public static void reset() {
        if (enabled()) {
            run(sql -> {
                sql.execute("create extension if not exists pg_stat_statements");
                sql.execute("select pg_stat_statements_reset()");
                return null;
            });
        }
    }

    /**
     * The {@code limit} costliest statements since {@link #reset()}, as Markdown table lines, with their cost
     * per unit of the benchmark's work ({@code units}, e.g. deliveries); empty when statistics are off.
     */
    public static List<String> table(int limit, long units, String unit) {
        if (!enabled()) {
            return List.of();
        }
        return run(sql -> {
            List<String> lines = new ArrayList<>();
            lines.add("| calls | plan ms | run ms | µs per " + unit + " | rows | blocks | WAL records | statement |");
            lines.add("|---|---|---|---|---|---|---|---|");
            try (ResultSet rs = sql.executeQuery(TOP.formatted(limit))) {
                while (rs.next()) {
                    double plan = rs.getDouble(2);
                    double run = rs.getDouble(3);
                    lines.add(String.format("| %,d | %,.0f | %,.0f | %.1f | %,d | %,d | %,d | `%s` |", rs.getLong(1), plan,
                            run, 1000 * (plan + run) / Math.max(1, units), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getString(7).replace("|", "\\|")));
                }
            }
            return lines;
        });
    }

    private interface Work<T> {
        T on(Statement sql) throws SQLException;
    }

    private static <T> T run(Work<T> work) {
        try (Connection db = TestDatabase.asSuperuser();
             Statement sql = db.createStatement()) {
            return work.on(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements: " + e.getMessage(), e);
        }
    }
}
