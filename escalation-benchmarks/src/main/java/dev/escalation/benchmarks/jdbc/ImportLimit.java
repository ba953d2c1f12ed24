package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Machine;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's own limit for an import (issue #19: quote the ratio against the raw-JDBC limit): the
 * very rows an import wrote - its task rows and its {@code TASK_OPENED} audit rows, read back with
 * {@code COPY ... TO STDOUT} - written again into empty tables of the same schema (the same indexes,
 * the same V5 count trigger) with one {@code COPY} per table per call of {@link #CALL} rows and one
 * commit per call, the rows encoded before the clock starts in PostgreSQL's binary {@code COPY} format,
 * as the import sends them. No validation, no planning, no hashing,
 * no encoding, no chain heads: what is left is what PostgreSQL must do to store the rows, so
 * {@code import / limit} says how much of the import's time is the library's.
 */
final class ImportLimit {

    /** Rows per transaction, as the import's calls. */
    static final int CALL = 100_000;

    private ImportLimit() {}

    /** Timed passes of the limit, each into empty tables: the fastest is the limit (the machine's noise only slows a pass). */
    static final int PASSES = 2;

    /** How long the limit took for how many tasks: the fastest of {@code passes} seconds. */
    record Result(int tasks, double seconds, List<Double> passes) {
        double tasksPerSecond() {
            return tasks / seconds;
        }
    }

    /**
     * Reads back the rows an import wrote into the tables of {@code importedPrefix}, creates the
     * schema again under {@code limitPrefix} (empty tables) and times writing the same rows there.
     *
     * @param db             the database holding the imported tables
     * @param importedPrefix the table prefix of the imported tables, e.g. {@code imp_}
     * @param limitPrefix    a prefix of tables that do not exist yet, e.g. {@code lim_}: each pass's tables
     *                       get it and the pass's number ({@code lim_1_task})
     */
    static Result measure(BenchmarkDatabase db, String importedPrefix, String limitPrefix)
            throws SQLException, IOException, InterruptedException {
        String taskColumns = String.join(", ", columnsOf(db, importedPrefix + "task"));
        // The append order is the identity column's, which the limit leaves to the table as the import does.
        String auditColumns = String.join(
                ", ",
                columnsOf(db, importedPrefix + "audit").stream()
                        .filter(column -> !column.equals("seq"))
                        .toList());
        List<byte[]> taskCalls = calls(db, "SELECT " + taskColumns + " FROM " + importedPrefix + "task ORDER BY ctid");
        List<byte[]> auditCalls =
                calls(db, "SELECT " + auditColumns + " FROM " + importedPrefix + "audit ORDER BY seq");
        if (taskCalls.size() != auditCalls.size()) {
            throw new IllegalStateException("the import wrote " + taskCalls.size() + " calls of task rows but "
                    + auditCalls.size() + " of audit rows: not one TASK_OPENED row per task");
        }
        // The import started on a database with nothing pending; so does each pass: autovacuum's pass over
        // the million rows just imported would otherwise run beside it and slow it.
        settle(db, "VACUUM (ANALYZE) " + importedPrefix + "task, " + importedPrefix + "audit");
        List<Double> passes = new ArrayList<>();
        int rows = 0;
        for (int pass = 1; pass <= PASSES; pass++) {
            String prefix = limitPrefix + pass + "_";
            JdbcEscalationStore.builder(db.plain())
                    .clock(ManualClock.at(JdbcWorkload.START))
                    .dialect(SqlDialect.POSTGRESQL)
                    .tablePrefix(prefix)
                    .build()
                    .createSchema();
            settle(db, "CHECKPOINT");
            // With fsync off the checkpoint leaves its pages dirty in the kernel; the import began on clean ones.
            Machine.flushDirtyPages();
            rows = 0;
            long start = System.nanoTime();
            try (Connection c = db.plain().getConnection()) {
                c.setAutoCommit(false);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (int i = 0; i < taskCalls.size(); i++) {
                    rows += (int) copy.copyIn(
                            "COPY " + prefix + "task (" + taskColumns + ") FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(taskCalls.get(i)));
                    copy.copyIn(
                            "COPY " + prefix + "audit (" + auditColumns + ") FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(auditCalls.get(i)));
                    c.commit();
                }
            }
            passes.add((System.nanoTime() - start) / 1e9);
            settle(db, "DROP TABLE " + prefix + "task, " + prefix + "audit CASCADE");
        }
        return new Result(rows, Collections.min(passes), List.copyOf(passes));
    }

    private static void settle(BenchmarkDatabase db, String sql) throws SQLException {
        try (Connection c = db.plain().getConnection();
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The table's columns in their order. */
    private static List<String> columnsOf(BenchmarkDatabase db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.plain().getConnection();
                var ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no table " + table);
        }
        return columns;
    }

    /** The rows of {@code select} in binary {@code COPY} format, {@link #CALL} rows a call, read before the clock starts. */
    private static List<byte[]> calls(BenchmarkDatabase db, String select) throws SQLException, IOException {
        List<byte[]> calls = new ArrayList<>();
        try (Connection c = db.plain().getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int offset = 0; ; offset += CALL) {
                ByteArrayOutputStream call = new ByteArrayOutputStream();
                long rows = copy.copyOut(
                        "COPY (" + select + " OFFSET " + offset + " LIMIT " + CALL + ") TO STDOUT (FORMAT binary)",
                        call);
                if (rows == 0) {
                    return calls;
                }
                calls.add(call.toByteArray());
            }
        }
    }
}
