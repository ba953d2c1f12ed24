package dev.escalation.benchmarks.jdbc;

import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's own limit for an import (issue #19: quote the ratio against the raw-JDBC limit): the
 * very rows an import wrote - its task rows and its {@code TASK_OPENED} audit rows, read back with
 * {@code COPY ... TO STDOUT} - written again into empty tables of the same schema (the same indexes,
 * the same V5 count trigger) with one {@code COPY} per table per call of {@link #CALL} rows and one
 * commit per call, the rows encoded before the clock starts. No validation, no planning, no hashing,
 * no encoding, no chain heads: what is left is what PostgreSQL must do to store the rows, so
 * {@code import / limit} says how much of the import's time is the library's.
 */
final class ImportLimit {

    /** Rows per transaction, as the import's calls. */
    static final int CALL = 100_000;

    private ImportLimit() {}

    /** How long the limit took for how many tasks. */
    record Result(int tasks, double seconds) {
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
     * @param limitPrefix    a prefix of tables that do not exist yet, e.g. {@code lim_}
     * @param work           a folder for the rows read back
     */
    static Result measure(BenchmarkDatabase db, String importedPrefix, String limitPrefix, Path work)
            throws SQLException, IOException {
        String taskColumns = String.join(", ", columnsOf(db, importedPrefix + "task"));
        // The append order is the identity column's, which the limit leaves to the table as the import does.
        String auditColumns = String.join(
                ", ",
                columnsOf(db, importedPrefix + "audit").stream()
                        .filter(column -> !column.equals("seq"))
                        .toList());
        Path tasks = work.resolve(importedPrefix + "task.copy");
        Path audit = work.resolve(importedPrefix + "audit.copy");
        copyOut(db, "COPY (SELECT " + taskColumns + " FROM " + importedPrefix + "task ORDER BY ctid) TO STDOUT", tasks);
        copyOut(
                db,
                "COPY (SELECT " + auditColumns + " FROM " + importedPrefix + "audit ORDER BY seq) TO STDOUT",
                audit);
        JdbcEscalationStore.builder(db.plain())
                .clock(ManualClock.at(JdbcWorkload.START))
                .dialect(SqlDialect.POSTGRESQL)
                .tablePrefix(limitPrefix)
                .build()
                .createSchema();
        List<String> taskCalls = calls(tasks);
        List<String> auditCalls = calls(audit);
        if (taskCalls.size() != auditCalls.size()) {
            throw new IllegalStateException("the import wrote " + taskCalls.size() + " calls of task rows but "
                    + auditCalls.size() + " of audit rows: not one TASK_OPENED row per task");
        }
        int rows = 0;
        long start = System.nanoTime();
        try (Connection c = db.plain().getConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < taskCalls.size(); i++) {
                rows += (int) copy.copyIn(
                        "COPY " + limitPrefix + "task (" + taskColumns + ") FROM STDIN",
                        new StringReader(taskCalls.get(i)));
                copy.copyIn(
                        "COPY " + limitPrefix + "audit (" + auditColumns + ") FROM STDIN",
                        new StringReader(auditCalls.get(i)));
                c.commit();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(tasks);
        Files.delete(audit);
        return new Result(rows, seconds);
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

    private static void copyOut(BenchmarkDatabase db, String sql, Path file) throws SQLException, IOException {
        try (Connection c = db.plain().getConnection();
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        }
    }

    /** The file's rows (one per line in COPY's text format), {@link #CALL} to a string, read before the clock starts. */
    private static List<String> calls(Path file) throws IOException {
        List<String> calls = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder call = new StringBuilder();
            int rows = 0;
            String line;
            while ((line = in.readLine()) != null) {
                call.append(line).append('\n');
                if (++rows == CALL) {
                    calls.add(call.toString());
                    call.setLength(0);
                    rows = 0;
                }
            }
            if (rows > 0) {
                calls.add(call.toString());
            }
        }
        return calls;
    }
}
