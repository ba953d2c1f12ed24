package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows into one table with {@code COPY ... FROM STDIN (FORMAT binary)} ({@link CopyBinary}) through
 * pgjdbc, streamed: about {@value #PIECE_BYTES} bytes of rows at a time, so that PostgreSQL inserts
 * what it has while the next rows are encoded, and a million rows are never one array. The binary
 * format spares the server parsing every timestamp and number from text (the database's own limit
 * for an import's rows was ~8% higher than with the text format) and this side escaping every value. {@code COPY} fires the table's statement-level triggers once for all its rows (V5's count
 * of inserted tasks) and checks every constraint, as an {@code INSERT} would: a key stored already
 * fails it with a unique violation.
 *
 * <p>pgjdbc is optional for this module: {@link #possible} is false when the driver is absent or
 * the connection does not unwrap to it, and the caller then inserts another way.
 *
 * @param <T> what a row is made from
 */
final class CopyInserts<T> {

    /** Bytes of rows per piece sent: large enough for few socket writes, small enough to overlap. */
    static final int PIECE_BYTES = 64 * 1024;

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
            CopyBinary piece = new CopyBinary(PIECE_BYTES + 4096);
            piece.header();
            for (T row : rows) {
                piece.row(columns.size());
                for (ArrayInserts.Column<T> column : columns) {
                    column.copy(row, piece);
                }
                if (piece.size() >= PIECE_BYTES) {
                    sink.write(piece.bytes(), piece.size());
                    piece.clear();
                }
            }
            piece.end();
            sink.write(piece.bytes(), piece.size());
        });
        return Math.toIntExact(copied);
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
