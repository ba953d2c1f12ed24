package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An import's rows on PostgreSQL: with {@code COPY} ({@link CopyInserts}) when the connection is
 * pgjdbc's, else as {@code unnest} arrays ({@link ArrayInserts}), which any driver can bind. Both
 * insert every row or fail with the database's error (a key stored already: a unique violation),
 * inside the caller's transaction.
 *
 * @param <T> what a row is made from
 */
final class BulkInserts<T> {

    private final CopyInserts<T> copy;
    private final ArrayInserts<T> arrays;

    /** Inserts into {@code table}, the columns in this order. */
    BulkInserts(String table, List<ArrayInserts.Column<T>> columns) {
        this.copy = new CopyInserts<>(table, columns);
        this.arrays = new ArrayInserts<>(table, columns);
    }

    /** Inserts the rows; returns how many were inserted. */
    int insert(Connection c, List<T> rows) throws SQLException {
        return CopyInserts.possible(c) ? copy.insert(c, rows) : arrays.insert(c, rows);
    }
}
