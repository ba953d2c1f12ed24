package dev.escalation.examples.adapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The little plain JDBC the adapter needs: one transaction per call, and instants in and out of
 * {@code TIMESTAMP WITH TIME ZONE} columns.
 */
final class Jdbc {

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {}

    /**
     * Runs {@code work} in one transaction: commits on success, rolls back on any failure. SQL
     * failures become {@link HostTableException}s that say what failed; the work's own runtime
     * exceptions (a task not found, a bad value) pass through unchanged, after the rollback.
     */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        // A pool (HikariCP) restores auto-commit when the connection goes back; a plain DataSource closes it.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new HostTableException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the original failure is the one worth reporting
        }
    }

    /**
     * Binds an instant as a UTC {@link OffsetDateTime}, so neither the JVM's nor the session's time
     * zone matters, truncated to the microseconds both H2 and PostgreSQL keep (PostgreSQL would
     * round up, which could make a due task look not yet due).
     */
    static void bind(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isEmpty()) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant.get().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    static void bind(PreparedStatement ps, int index, Instant instant) throws SQLException {
        bind(ps, index, Optional.of(instant));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /** {@code " AND <column> IN (?, ?)"} for a tenant filter, or nothing when every tenant is wanted. */
    static String inList(String column, Collection<String> values) {
        return values.isEmpty()
                ? ""
                : " AND " + column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
    }
}
