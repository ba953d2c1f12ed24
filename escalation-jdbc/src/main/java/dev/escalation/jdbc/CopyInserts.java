package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows into one table with {@code COPY ... FROM STDIN} (text format, {@link CopyText}) through
 * pgjdbc, streamed: the text of about {@value #PIECE_CHARS} characters of rows at a time, so that
 * PostgreSQL inserts what it has while the next rows are encoded, and a million rows are never one
 * string. {@code COPY} fires the table's statement-level triggers once for all its rows (V5's count
 * of inserted tasks) and checks every constraint, as an {@code INSERT} would: a key stored already
 * fails it with a unique violation.
 *
 * <p>pgjdbc is optional for this module: {@link #possible} is false when the driver is absent or
 * the connection does not unwrap to it, and the caller then inserts another way.
 *
 * @param <T> what a row is made from
 */
final class CopyInserts<T> {

    /** Characters of rows per piece sent: large enough for few socket writes, small enough to overlap. */
    static final int PIECE_CHARS = 64 * 1024;

    private static final String DRIVER_TYPE = "org.postgresql.PGConnection";
    private static final boolean DRIVER_PRESENT = driverPresent();

    private final List<ArrayInserts.Column<T>> columns;
    private final String sql;

    /** Copies into {@code table}, the columns in this order. */
    CopyInserts(String table, List<ArrayInserts.Column<T>> columns) {
        this.columns = List.copyOf(columns);
        this.sql = PostgresDialect.copyFromStdin(
                table, columns.stream().map(ArrayInserts.Column::name).toArray(String[]::new));
    }

    /** Whether {@code c} can copy: pgjdbc is there and the connection unwraps to it. */
    static boolean possible(Connection c) {
        if (!DRIVER_PRESENT) {
            return false;
        }
        try {
            return PgjdbcCopy.unwraps(c);
        } catch (SQLException | LinkageError e) {
            // A wrapper that cannot tell, or a driver this module cannot link to: insert the other way.
            return false;
        }
    }

    /** Copies the rows in order; returns how many the server copied. Call only when {@link #possible}. */
    int insert(Connection c, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        long copied = PgjdbcCopy.copy(c, sql, sink -> {
            StringBuilder piece = new StringBuilder(PIECE_CHARS + 4096);
            for (T row : rows) {
                append(piece, row);
                if (piece.length() >= PIECE_CHARS) {
                    sink.write(piece);
                    piece.setLength(0);
                }
            }
            if (piece.length() > 0) {
                sink.write(piece);
            }
        });
        return Math.toIntExact(copied);
    }

    private void append(StringBuilder piece, T row) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                piece.append('\t');
            }
            CopyText.append(piece, columns.get(i).text(row));
        }
        piece.append('\n');
    }

    /**
     * Whether pgjdbc can be loaded beside this class. In a named module ({@code requires static}) the
     * driver may sit on the class path: this module then reads it from here on.
     */
    private static boolean driverPresent() {
        try {
            Class<?> driver = Class.forName(DRIVER_TYPE, false, CopyInserts.class.getClassLoader());
            Module self = CopyInserts.class.getModule();
            if (self.isNamed() && !self.canRead(driver.getModule())) {
                self.addReads(driver.getModule());
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
