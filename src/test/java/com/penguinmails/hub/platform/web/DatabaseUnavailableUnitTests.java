package com.penguinmails.hub.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableUnitTests {

    @Test
    void connectionFailuresAreUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("hub - Connection is not available")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("begin failed"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new DataAccessResourceFailureException("I/O error"))).isTrue();
        // seen under load: the commit failed on a dying connection, then the rollback on the closed one
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new ServletException("Request processing failed",
                new IllegalStateException(new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void serverShutdownAndConnectionStatesAreUnavailability() {
        for (String state : new String[] {"08006", "08001", "08003", "57P01", "57P02", "57P03", "53300"}) {
            assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("commit failed",
                    new SQLException("terminated", state)))).as(state).isTrue();
            assertThat(DatabaseUnavailable.causedBy(new UncategorizedSQLException("x", "select 1",
                    new SQLException("terminated", state)))).as(state).isTrue();
        }
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new UncategorizedSQLException("x", "select 1",
                new SQLException("syntax", "42601")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("no state"))).isFalse();
    }
}
