package dev.escalation.benchmarks.jdbc;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The million open tasks every JDBC scenario runs among, bulk-loaded with {@code COPY}, and the
 * slices of them that fall due one after the other.
 *
 * <p>Every task follows {@link JdbcWorkload#policy()} and was evaluated once: it waits for its
 * warning (SLA start + 22 h). The tasks are cut into slices of {@code sliceSize}; all tasks of
 * slice <i>k</i> fall due at the same instant {@link #dueAt(int) dueAt(k)} = start + (k + 1) x
 * {@value #SLICE_MINUTES} min, so a run at that instant finds exactly that slice due and nothing
 * else: the slices before it were done (their next check is their deadline, 2 h after the
 * warning), the ones after it are not due yet, and nothing falls due between two slices.
 */
final class TaskTable {

    /** Minutes between two slices: room for the idle probe's runs every 10 s after a slice. */
    static final int SLICE_MINUTES = 5;
    /** Slices a run may use before the first slice's deadlines (2 h after its warnings) fall due again. */
    static final int MAX_SLICES = 23;

    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx");
    private static final int COPY_CHUNK = 50_000;

    private final BenchmarkDatabase db;
    private final int openTasks;
    private final int sliceSize;
    private int slicesUsed;

    TaskTable(BenchmarkDatabase db, int openTasks, int sliceSize) {
        if (sliceSize <= 0 || openTasks < sliceSize) {
            throw new IllegalArgumentException("sliceSize must lie in 1.." + openTasks + ", but was " + sliceSize);
        }
        this.db = db;
        this.openTasks = openTasks;
        this.sliceSize = sliceSize;
    }

    /** When slice {@code k} falls due. */
    static Instant dueAt(int k) {
        return JdbcWorkload.START.plus(Duration.ofMinutes((long) SLICE_MINUTES * (k + 1)));
    }

    /** Bulk-loads the tasks with COPY, then vacuums and analyses the table so that every scenario starts alike. */
    void load() throws SQLException {
        String[] stateBySlice = new String[MAX_SLICES + 1];
        for (int k = 0; k <= MAX_SLICES; k++) {
            stateBySlice[k] = columnsFromSlaStart(k);
        }
        try (Connection c = db.plain().getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int first = 0; first < openTasks; first += COPY_CHUNK) {
                StringBuilder rows = new StringBuilder(COPY_CHUNK * 300);
                for (int i = first; i < Math.min(openTasks, first + COPY_CHUNK); i++) {
                    appendRow(rows, i, stateBySlice);
                }
                try {
                    copy.copyIn(
                            "COPY escalation_task (id, workflow_type, stage, assignee, priority, tenant, sla_start, attributes,"
                                    + " status, holds, cycle, warned_at, reminders_sent, escalation_level, last_escalated_at, re_escalations,"
                                    + " breached_at, warning_at, deadline, next_check_at, version, claimed_by, claimed_until, created_at,"
                                    + " updated_at) FROM STDIN",
                            new StringReader(rows.toString()));
                } catch (IOException e) {
                    throw new SQLException("COPY of tasks " + first + ".. failed", e);
                }
            }
        }
        db.execute("VACUUM ANALYZE escalation_task");
    }

    /** How many more slices {@link #nextSlice} can hand out. */
    int slicesLeft() {
        return Math.max(0, Math.min(MAX_SLICES, openTasks / sliceSize) - slicesUsed);
    }

    /** The next slice that nobody has run yet. */
    Slice nextSlice() {
        int k = slicesUsed++;
        if (k >= MAX_SLICES || (long) (k + 1) * sliceSize > openTasks) {
            throw new IllegalStateException("only " + Math.min(MAX_SLICES, openTasks / sliceSize) + " slices of "
                    + sliceSize + " tasks fit, but slice " + (k + 1) + " was asked for");
        }
        return new Slice(k, k * sliceSize, sliceSize, dueAt(k));
    }

    /**
     * Cleans up after the last scenario and flushes to disk: dead rows vacuumed, statistics
     * fresh, a checkpoint taken, so every measured run starts from the same kind of table and
     * pays for its own writes only.
     */
    void settle() throws SQLException {
        db.execute(
                "VACUUM ANALYZE escalation_task",
                "VACUUM ANALYZE escalation_outbox",
                "VACUUM ANALYZE escalation_audit",
                "CHECKPOINT");
    }

    /**
     * Checks that every task of {@code slice} got its warning exactly once: the task row moved on
     * (warned, version 2, claim released, next check at the deadline), one audit row and one
     * delivered outbox row per task, and nothing else.
     *
     * @throws IllegalStateException naming what does not add up
     */
    void verifyWarned(Slice slice) throws SQLException {
        String ids = slice.ids();
        long tasks = db.number(
                "SELECT COUNT(*) FROM escalation_task WHERE id IN " + ids + " AND warned_at IS NOT NULL AND version = 2"
                        + " AND claimed_by IS NULL AND next_check_at = deadline AND deadline = warning_at + INTERVAL '2 hours'");
        long audit = db.number("SELECT COUNT(*) FROM escalation_audit WHERE task_id IN " + ids);
        long warnings = db.number(
                "SELECT COUNT(*) FROM escalation_audit WHERE task_id IN " + ids + " AND type = 'WARNING_SENT'");
        long outbox = db.number("SELECT COUNT(*) FROM escalation_outbox WHERE task_id IN " + ids);
        long delivered = db.number(
                "SELECT COUNT(*) FROM escalation_outbox WHERE task_id IN " + ids + " AND status = 'DELIVERED'");
        long n = slice.size();
        if (tasks != n || audit != n || warnings != n || outbox != n || delivered != n) {
            throw new IllegalStateException(
                    slice + ": expected " + n + " warned tasks with one audit row and one delivered notification"
                            + " each, but found " + tasks + " warned tasks, " + audit + " audit rows (" + warnings
                            + " warnings), " + outbox
                            + " outbox rows (" + delivered + " delivered)");
        }
    }

    private void appendRow(StringBuilder rows, int i, String[] stateBySlice) {
        // Tasks past the slices a run may use all wait at one later instant, so every SLA start lies in the past.
        rows.append("PO-")
                .append(i)
                .append("\tpurchase-order\tApproval\tuser-")
                .append(i % 5000)
                .append("\tnormal\t\\N\t")
                .append(stateBySlice[Math.min(i / sliceSize, MAX_SLICES)]);
    }

    /** The columns from sla_start on of a task in slice {@code k}: the same for every task of the slice. */
    private static String columnsFromSlaStart(int k) {
        Instant warningAt = dueAt(k);
        Instant slaStart = warningAt.minus(JdbcWorkload.SLA.minus(JdbcWorkload.WARN_BEFORE));
        Instant deadline = slaStart.plus(JdbcWorkload.SLA);
        return ts(slaStart) + "\t{}\tOPEN\t[]\t0\t\\N\t0\t0\t\\N\t0\t\\N\t" + ts(warningAt) + '\t' + ts(deadline) + '\t'
                + ts(warningAt) + "\t1\t\\N\t\\N\t" + ts(JdbcWorkload.START) + '\t' + ts(JdbcWorkload.START) + '\n';
    }

    private static String ts(Instant instant) {
        return PG.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Tasks {@code PO-first} to {@code PO-(first + size - 1)}, all due at {@code dueAt}. */
    record Slice(int index, int first, int size, Instant dueAt) {

        /** The ids of the slice's tasks, as a subquery for {@code id IN ...}. */
        String ids() {
            return "(SELECT 'PO-' || g FROM generate_series(" + first + ", " + (first + size - 1) + ") g)";
        }
    }
}
