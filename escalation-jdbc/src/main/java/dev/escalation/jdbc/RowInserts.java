package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Batched, idempotent inserts of many rows: each statement inserts up to
 * {@link Dialect#maxRowsPerInsert()} rows (a multi-row {@code VALUES} list on PostgreSQL, one row
 * on H2) and the full statements go to the database as one JDBC batch. Rows whose key already
 * exists are left as they are. Public for the benchmarks' baseline, which must issue the store's very
 * statements.
 *
 * @param <T> what a row is made from
 */
final class RowInserts<T> {

    /** Binds one row's columns from {@code index}, in column order. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, int index, T row) throws SQLException;
    }

    private final Dialect dialect;
    private final String table;
    private final String[] columns;
    private final Function<T, String> key;
    private final Binder<T> binder;
    private final String fullStatement;

    public RowInserts(Dialect dialect, String table, String[] columns, Function<T, String> key, Binder<T> binder) {
        this.dialect = dialect;
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.binder = binder;
        this.fullStatement = dialect.insertIfAbsent(table, columns, dialect.maxRowsPerInsert());
    }

    /**
     * Inserts the rows whose key is absent in this transaction: full statements as one JDBC batch,
     * then one statement for the rest; returns how many were inserted.
     */
    public int insert(Connection c, List<T> rows) throws SQLException {
        int perStatement = dialect.maxRowsPerInsert();
        int full = rows.size() - rows.size() % perStatement;
        int inserted = 0;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(fullStatement)) {
                for (int first = 0; first < full; first += perStatement) {
                    bind(ps, rows.subList(first, first + perStatement));
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    inserted += BatchCounts.rows(count);
                }
            }
        }
        if (full < rows.size()) {
            List<T> rest = rows.subList(full, rows.size());
            try (PreparedStatement ps = c.prepareStatement(dialect.insertIfAbsent(table, columns, rest.size()))) {
                bind(ps, rest);
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    private void bind(PreparedStatement ps, List<T> rows) throws SQLException {
        int index = 1;
        for (T row : rows) {
            binder.bind(ps, index, row);
            index += columns.length;
        }
        if (dialect.repeatsKeyParameter()) {
            ps.setString(index, key.apply(rows.get(0)));
        }
    }
}
