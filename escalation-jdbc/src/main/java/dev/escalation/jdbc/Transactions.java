package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction on a connection from the host's {@link DataSource}: turns
 * auto-commit off if it was on (and back on afterwards, so a pooled connection returns as it came),
 * commits on success, rolls back on any failure, and always closes the connection. SQL failures
 * become {@link EscalationStoreException}s naming what failed; the work's own runtime exceptions
 * (a task not found, a bad value) pass through unchanged, after the rollback.
 */
final class Transactions {

    /** Work on a connection; statements and result sets it opens are its own to close. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    /** The connection of the transaction this thread is in, if any: work for it joins instead of taking a second connection. */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, Connection.TRANSACTION_NONE, work);
    }

    /**
     * Runs {@code work} on the connection of the transaction this thread is in, or in a transaction of
     * its own when it is in none: a read the store makes while it holds a connection (the database
     * clock, inside a host change) must not wait for a second one from a pool that may be exhausted.
     */
    public <T> T joiningCurrent(String what, Work<T> work) {
        Connection connection = current.get();
        if (connection == null) {
            return inTransaction(what, work);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new EscalationStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs read-only work in one transaction on a consistent snapshot (repeatable read), so that a
     * walk over many statements sees no half of a concurrent commit; the connection's isolation level
     * is restored afterwards.
     */
    public <T> T inSnapshot(String what, Work<T> work) {
        return run(what, Connection.TRANSACTION_REPEATABLE_READ, work);
    }

    private <T> T run(String what, int isolation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            int previousIsolation = connection.getTransactionIsolation();
            boolean changeIsolation = isolation != Connection.TRANSACTION_NONE && isolation != previousIsolation;
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            if (changeIsolation) {
                connection.setTransactionIsolation(isolation);
            }
            Connection outer = current.get();
            current.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                if (outer == null) {
                    current.remove();
                } else {
                    current.set(outer);
                }
                if (changeIsolation) {
                    restoreIsolation(connection, previousIsolation);
                }
                if (autoCommit) {
                    restoreAutoCommit(connection);
                }
            }
        } catch (SQLException e) {
            throw new EscalationStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreIsolation(Connection connection, int level) {
        try {
            if (!connection.isClosed()) {
                connection.setTransactionIsolation(level);
            }
        } catch (SQLException ignored) {
            // The connection is broken; closing it next is all that is left to do.
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // The connection is broken; closing it next is all that is left to do.
        }
    }
}
