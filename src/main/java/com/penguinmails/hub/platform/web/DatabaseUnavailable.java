package com.penguinmails.hub.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that means "the database cannot be reached right now" rather than "this
 * request is wrong" or "the hub has a bug": no connection from the pool in time, a connection
 * refused or cut, the server shutting down or starting up. Such a request gets
 * {@code 503 database_unavailable} with {@code Retry-After}: nothing it asked for was acknowledged,
 * and the same request succeeds once the database is back (webhooks and idempotent calls are safe
 * to resend).
 */
public final class DatabaseUnavailable {

    static final String CODE = "database_unavailable";
    static final String DETAIL = "The database is unavailable; nothing was changed. Retry after the indicated delay";
    /** Seconds a client is asked to wait: a restart or fail-over of PostgreSQL takes seconds. */
    static final long RETRY_AFTER_SECONDS = 5;

    /**
     * SQLSTATEs of an unreachable or restarting server: class 08 (connection exception), 57P01
     * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} means the database cannot be reached now (see the class comment). */
    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException // the pool's connection timeout
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            // a commit or rollback that fails in the driver: the connection broke under the transaction
            // (the pool's "Connection is closed" carries no SQLSTATE)
            if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
