package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** One column: its name, its PostgreSQL element type and how a row gives its value. */
    record Column<T>(String name, ElementType type, Function<T, Object> value) {

        static <T> Column<T> text(String name, Function<T, String> value) {
            return new Column<>(name, ElementType.TEXT, value::apply);
        }

        static <T> Column<T> int4(String name, Function<T, Integer> value) {
            return new Column<>(name, ElementType.INT4, value::apply);
        }

        static <T> Column<T> int8(String name, Function<T, Long> value) {
            return new Column<>(name, ElementType.INT8, value::apply);
        }

        static <T> Column<T> instant(String name, Function<T, Optional<Instant>> value) {
            return new Column<>(
                    name,
                    ElementType.TIMESTAMPTZ,
                    row -> value.apply(row)
                            .map(Timestamps::truncate)
                            .map(Instant::toString)
                            .orElse(null));
        }
    }

    /** A column's PostgreSQL element type; its name, in lower case, is the type's name in SQL. */
    enum ElementType {
        TEXT,
        INT4,
        INT8,
        /** Sent as ISO-8601 text and cast in the statement. */
        TIMESTAMPTZ;

        String sqlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type the driver creates the array of: instants go as text. */
        ElementType sent() {
            return this == TIMESTAMPTZ ? TEXT : this;
        }

        /** An array of the sent type's Java class: the driver picks its encoding by the array's class. */
        Object[] newArray(int size) {
            return switch (sent()) {
                case INT4 -> new Integer[size];
                case INT8 -> new Long[size];
                default -> new String[size];
            };
        }
    }

    private final List<Column<T>> columns;
    private final String sql;

    /** Inserts into {@code table}. */
    ArrayInserts(String table, List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
        this.sql = PostgresDialect.insertFromArrays(
                table,
                columns.stream().map(Column::name).toArray(String[]::new),
                columns.stream().map(c -> c.type().sqlName()).toArray(String[]::new));
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
                    Column<T> column = columns.get(i);
                    Object[] values = column.type().newArray(chunk.size());
                    for (int r = 0; r < values.length; r++) {
                        values[r] = column.value().apply(chunk.get(r));
                    }
                    ps.setArray(i + 1, c.createArrayOf(column.type().sent().sqlName(), values));
                }
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }
}
