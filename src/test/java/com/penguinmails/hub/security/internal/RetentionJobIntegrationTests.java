package com.penguinmails.hub.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.security.ExpiringData;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retention job against a tiny payload table registered the way a later migration registers
 * its raw-payload table: it deletes only expired rows, only registered tables, and on one node at a
 * time, once per interval.
 */
class RetentionJobIntegrationTests extends HubIntegrationTest {

    private static final ExpiringData PROBE = () -> "retention_probe";

    @Autowired
    RetentionJob job;

    @BeforeEach
    void aRegisteredTableWithOldAndFreshRows() throws SQLException {
        try (Connection owner = TestDatabase.asOwner()) {
            exec(owner, "create table retention_probe (id integer primary key, received_at timestamptz not null)");
            exec(owner, "insert into retention_tables (table_name, timestamp_column) values ('retention_probe', 'received_at')");
            exec(owner, """
                    insert into retention_probe
                    select n, now() - (case when n <= 3 then interval '40 days' else interval '1 day' end)
                    from generate_series(1, 10) n""");
            exec(owner, "delete from scheduled_job_runs where job = 'security.retention'");
        }
    }

    @AfterEach
    void dropTheTable() throws SQLException {
        try (Connection owner = TestDatabase.asOwner()) {
            exec(owner, "drop table retention_probe");
            exec(owner, "delete from retention_tables where table_name = 'retention_probe'");
            exec(owner, "delete from scheduled_job_runs where job = 'security.retention'");
        }
    }

    @Test
    void deletesOnlyRowsOlderThanTheRetention() throws SQLException {
        RetentionJob.Outcome outcome = job.purge(List.of(PROBE));

        assertThat(outcome.ran()).isTrue();
        assertThat(outcome.deleted()).containsEntry("retention_probe", 3L);
        assertThat(remaining()).isEqualTo(7);
        assertThat(job.purge(List.of(PROBE)).skippedBecause()).startsWith("ran at"); // once per interval

        clearLastRun();
        ExpiringData shortLived = new ExpiringData() {
            @Override
            public String table() {
                return "retention_probe";
            }

            @Override
            public Optional<Duration> retention() {
                return Optional.of(Duration.ofHours(1));
            }
        };
        assertThat(job.purge(List.of(shortLived)).deleted()).containsEntry("retention_probe", 7L);
    }

    @Test
    void skipsWhileAnotherNodeHoldsTheLock() throws SQLException {
        try (Connection otherNode = TestDatabase.asApplication()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement ps = otherNode.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                ps.setLong(1, RetentionJob.LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
            RetentionJob.Outcome outcome = job.purge(List.of(PROBE));
            assertThat(outcome.ran()).isFalse();
            assertThat(outcome.skippedBecause()).isEqualTo("another node is running it");
            assertThat(remaining()).isEqualTo(10);
            otherNode.rollback(); // the other node's transaction ends, and its lock with it
        }
        assertThat(job.purge(List.of(PROBE)).ran()).isTrue();
        assertThat(remaining()).isEqualTo(7);
    }

    @Test
    void theDatabaseRefusesToPurgeATableNobodyRegistered() throws SQLException {
        assertThatThrownBy(() -> job.purge(List.of(() -> "audit_log")))
                .hasMessageContaining("not registered in retention_tables");
        try (Connection app = TestDatabase.asApplication()) {
            assertThatThrownBy(() -> exec(app, "insert into retention_tables values ('audit_log', 'occurred_at')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        assertThat(remaining()).isEqualTo(10);
    }

    private static void clearLastRun() throws SQLException {
        try (Connection owner = TestDatabase.asOwner()) {
            exec(owner, "delete from scheduled_job_runs where job = 'security.retention'");
        }
    }

    private static long remaining() throws SQLException {
        try (Connection owner = TestDatabase.asOwner();
             PreparedStatement ps = owner.prepareStatement("select count(*) from retention_probe");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }
}
