package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
    /** The host's connection this instance runs every piece of work on, or null: a connection of its own per piece. */
    private final Connection hostConnection;
    /** The connection of the transaction this thread is in, if any: work for it joins instead of taking a second connection. */
    private final ThreadLocal<Connection> current;

    public Transactions(DataSource dataSource) {
        this(dataSource, null, new ThreadLocal<>());
    }

    private Transactions(DataSource dataSource, Connection hostConnection, ThreadLocal<Connection> current) {
        this.dataSource = dataSource;
        this.hostConnection = hostConnection;
        this.current = current;
    }

    /**
     * Transactions that run on the host's {@code connection}, inside whatever transaction the host has
     * open on it: each piece of work is a savepoint (released on success, rolled back to on failure, so
     * a failed change stores nothing) and is never committed, rolled back as a whole or closed here;
     * the host's commit or rollback decides. Reads of the database clock made meanwhile join it too.
     */
    Transactions boundTo(Connection connection) {
        return new Transactions(dataSource, connection, current);
    }

    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, Connection.TRANSACTION_NONE, work);
    }

    /**
     * Runs {@code work}, ONE statement, on the connection of the transaction this thread is in, or
     * {@link #inOneStatement on its own} when it is in none: a read the store makes while it holds a
     * connection (the database clock inside a host change, the paused policies inside a claim's
     * transaction) must not wait for a second one from a pool that may be exhausted.
     */
    public <T> T joiningCurrent(String what, Work<T> work) {
        Connection connection = current.get();
        if (connection == null) {
            return inOneStatement(what, work);
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

    /**
     * Runs work that is ONE statement (a read, or a write that stands alone, such as a claim's
     * {@code UPDATE ... RETURNING}) on a connection in auto-commit mode as it comes, so that the
     * statement is its own transaction: one round trip, where an explicit transaction pays a second
     * one for its {@code COMMIT}. A connection that comes with auto-commit off gets a transaction
     * of its own as {@link #inTransaction} gives it; on the host's connection the work joins the
     * host's transaction as every other piece does. Work of more than one statement must not use
     * this: each of its statements would commit apart.
     */
    public <T> T inOneStatement(String what, Work<T> work) {
        if (hostConnection != null) {
            return onHostConnection(what, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                return inTransaction(connection, Connection.TRANSACTION_NONE, work);
            }
            return asCurrent(connection, work);
        } catch (SQLException e) {
            throw new EscalationStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T run(String what, int isolation, Work<T> work) {
        if (hostConnection != null) {
            return onHostConnection(what, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, isolation, work);
        } catch (SQLException e) {
            throw new EscalationStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction on {@code connection} at {@code isolation} (or the connection's own for NONE). */
    private <T> T inTransaction(Connection connection, int isolation, Work<T> work) throws SQLException {
        // Asked only when a level is wanted: PostgreSQL's driver answers it with a round trip of its own.
        int previousIsolation =
                isolation == Connection.TRANSACTION_NONE ? isolation : connection.getTransactionIsolation();
        boolean changeIsolation = isolation != Connection.TRANSACTION_NONE && isolation != previousIsolation;
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        if (changeIsolation) {
            connection.setTransactionIsolation(isolation);
        }
        try {
            T result = asCurrent(connection, work);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            if (changeIsolation) {
                restoreIsolation(connection, previousIsolation);
            }
            if (autoCommit) {
                restoreAutoCommit(connection);
            }
        }
    }

    /**
     * Runs {@code work} in a savepoint of the host's transaction. Auto-commit on would commit every
     * statement apart, which is not joining anything: refused before a statement runs.
     */
    private <T> T onHostConnection(String what, Work<T> work) {
        Connection connection = hostConnection;
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalStateException(what + " on the host's connection needs a transaction open on it,"
                        + " but the connection is in auto-commit mode");
            }
            Savepoint savepoint = connection.setSavepoint();
            try {
                T result = asCurrent(connection, work);
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackTo(connection, savepoint, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new EscalationStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} with {@code connection} as this thread's current one, which reads made meanwhile join. */
    private <T> T asCurrent(Connection connection, Work<T> work) throws SQLException {
        Connection outer = current.get();
        current.set(connection);
        try {
            return work.run(connection);
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint, Throwable cause) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
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
