package dev.escalation.jdbc;

import dev.escalation.core.task.EscalationState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Set-based inserts of many rows on PostgreSQL for imports: each statement is
 * {@code INSERT INTO t (...) SELECT * FROM unnest(?::text[], ?::int4[], ...)}
 * with one array parameter per column and up to {@link #CHUNK} rows, so that a million rows are a
 * hundred statements rather than ten thousand multi-row {@code VALUES} statements of a hundred rows
 * each (the parse, bind and planning of a 2,900-parameter statement per hundred rows is what made the
 * import slow). Plain JDBC arrays ({@link Connection#createArrayOf}), no driver class: instants travel
 * as ISO-8601 text, as in {@link ColumnArrays}.
 *
 * @param <T> what a row is made from
 */
final class ArrayInserts<T> {

    /** Rows per statement: large enough that the round trips do not count, small enough for the driver's arrays. */
    static final int CHUNK = 10_000;

    /**
     * One column: its name, its PostgreSQL element type, its values for a chunk of rows as an array,
     * and one row's value as a field of {@code COPY}'s binary format (for {@link CopyInserts}), which
     * must be of the table column's type exactly: {@code COPY} reads binary fields without a cast.
     */
    interface Column<T> {

        String name();

        /** The element type as SQL names it, for the statement's {@code ?::type[]} cast. */
        String type();

        Array array(Connection c, List<T> rows) throws SQLException;

        /** Writes one row's value as the next field of {@code out} (SQL NULL for null or empty). */
        void copy(T row, CopyBinary out);

        static <T> Column<T> text(String name, Function<T, String> value) {
            return new Of<>(
                    name,
                    ElementType.TEXT,
                    (c, rows) -> ColumnArrays.texts(c, rows, value),
                    (row, out) -> out.text(value.apply(row)));
        }

        static <T> Column<T> int4(String name, Function<T, Integer> value) {
            return new Of<>(
                    name,
                    ElementType.INT4,
                    (c, rows) -> ColumnArrays.ints(c, rows, value),
                    (row, out) -> out.int4(value.apply(row)));
        }

        static <T> Column<T> int8(String name, Function<T, Long> value) {
            return new Of<>(
                    name,
                    ElementType.INT8,
                    (c, rows) -> ColumnArrays.longs(c, rows, value),
                    (row, out) -> out.int8(value.apply(row)));
        }

        static <T> Column<T> instant(String name, Function<T, Optional<Instant>> value) {
            return new Of<>(
                    name,
                    ElementType.TIMESTAMPTZ,
                    (c, rows) -> ColumnArrays.instants(c, rows, value),
                    (row, out) -> out.timestamptz(value.apply(row)));
        }

        /**
         * The escalation state's columns, in {@link StateColumns#ALL} order: named once there, so that a
         * state column a migration adds is imported as every other statement writes it.
         */
        static <T> List<Column<T>> state(Function<T, EscalationState> state) {
            return StateColumns.ALL.stream()
                    .map(column -> (Column<T>) new StateColumn<>(column, state))
                    .toList();
        }
    }

    /** How a column's values for a chunk become one array. */
    @FunctionalInterface
    private interface Values<T> {
        Array of(Connection c, List<T> rows) throws SQLException;
    }

    private record Of<T>(String name, ElementType elementType, Values<T> values, BiConsumer<T, CopyBinary> field)
            implements Column<T> {
        @Override
        public String type() {
            return elementType.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public Array array(Connection c, List<T> rows) throws SQLException {
            return values.of(c, rows);
        }

        @Override
        public void copy(T row, CopyBinary out) {
            field.accept(row, out);
        }
    }

    private record StateColumn<T>(StateColumns.Column column, Function<T, EscalationState> state) implements Column<T> {
        @Override
        public String name() {
            return column.name();
        }

        @Override
        public String type() {
            return column.arrayType();
        }

        @Override
        public Array array(Connection c, List<T> rows) throws SQLException {
            return column.array(c, rows.stream().map(state).toList());
        }

        @Override
        public void copy(T row, CopyBinary out) {
            column.copy(state.apply(row), out);
        }
    }

    /** The element types of the columns that are not the state's. */
    private enum ElementType {
        TEXT,
        INT4,
        INT8,
        TIMESTAMPTZ
    }

    private final List<Column<T>> columns;
    private final String sql;

    /** Inserts into {@code table}. */
    ArrayInserts(String table, List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
        this.sql = PostgresDialect.insertFromArrays(
                table,
                columns.stream().map(Column::name).toArray(String[]::new),
                columns.stream().map(Column::type).toArray(String[]::new));
    }

    /**
     * Inserts the rows, {@link #CHUNK} per statement; returns how many were inserted. A row whose key
     * is stored already fails its statement with a unique violation (and so the caller's transaction).
     */
    int insert(Connection c, List<T> rows) throws SQLException {
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int first = 0; first < rows.size(); first += CHUNK) {
                List<T> chunk = rows.subList(first, Math.min(rows.size(), first + CHUNK));
                for (int i = 0; i < columns.size(); i++) {
                    ps.setArray(i + 1, columns.get(i).array(c, chunk));
                }
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }
}
