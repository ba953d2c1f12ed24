package dev.escalation.jdbc;

import dev.escalation.core.time.InstantText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One column of a batch as a PostgreSQL array parameter, for the set-based statements
 * ({@code UPDATE ... FROM unnest(?::text[], ...)}) that change a whole batch of rows at once.
 * Instants travel as ISO-8601 text to the microsecond (what the columns keep) and are cast in the
 * statement ({@code ?::timestamptz[]}), so that no driver-specific array type is needed.
 */
final class ColumnArrays {

    private ColumnArrays() {}

    static <T> Array texts(Connection c, List<T> rows, Function<T, String> column) throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return c.createArrayOf("text", values);
    }

    static <T> Array ints(Connection c, List<T> rows, Function<T, Integer> column) throws SQLException {
        Integer[] values = new Integer[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return c.createArrayOf("int4", values);
    }

    static <T> Array longs(Connection c, List<T> rows, Function<T, Long> column) throws SQLException {
        Long[] values = new Long[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return c.createArrayOf("int8", values);
    }

    /** Instants as text for a {@code ?::timestamptz[]} parameter; an empty one is NULL. */
    static <T> Array instants(Connection c, List<T> rows, Function<T, Optional<Instant>> column) throws SQLException {
        return texts(c, rows, row -> instantText(column.apply(row)));
    }

    /** An instant as ISO-8601 text to the microsecond, as PostgreSQL reads it; an empty one is null (NULL). */
    private static String instantText(Optional<Instant> instant) {
        return instant.map(Timestamps::truncate).map(InstantText::format).orElse(null);
    }
}
