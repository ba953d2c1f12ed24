package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY ... FROM STDIN} through pgjdbc's {@code CopyManager}: the only class of the store that
 * names a driver type. pgjdbc is an optional dependency of this module, so this class is loaded only
 * after {@link CopyInserts#possible} found the driver; a connection that does not unwrap to
 * {@link PGConnection} (another driver, a pool that cannot unwrap) is never handed to it.
 */
final class PgjdbcCopy {

    private PgjdbcCopy() {}

    /** What writes the rows: {@link Sink#write} takes each piece of bytes as it is ready. */
    @FunctionalInterface
    interface Rows {
        void writeTo(Sink sink) throws SQLException;
    }

    /** Where the rows' bytes go, piece by piece: {@code bytes[0..length)}, which the caller may reuse afterwards. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int length) throws SQLException;
    }

    /** Whether the connection is (or wraps) a pgjdbc connection. */
    static boolean unwraps(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class);
    }

    /**
     * Runs {@code copySql} and streams {@code rows} into it: each piece is sent as soon as it is
     * written, so that PostgreSQL inserts the rows sent while the next ones are encoded. Returns the
     * rows the server copied. A failure (a unique violation, a bad value) cancels the copy and is
     * thrown: the caller's transaction is then to be rolled back.
     */
    static long copy(Connection c, String copySql, Rows rows) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            // writeToCopy has sent or buffered a copy of the bytes when it returns.
            rows.writeTo((bytes, length) -> in.writeToCopy(bytes, 0, length));
            return in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancel(in, e);
            throw e;
        }
    }

    private static void cancel(CopyIn in, Exception cause) {
        if (!in.isActive()) {
            return;
        }
        try {
            in.cancelCopy();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
