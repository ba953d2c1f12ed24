package dev.escalation.benchmarks.report;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A month of audit history bulk-loaded with {@code COPY}: tasks opened evenly over 30 days, five
 * entries each as the engine and a host write them - opened, warned, then breached and escalated
 * (every fourth task) or reminded and changed in deadline, then completed. Four workflow types, six
 * stages, three tenants. The hash-chain columns get placeholder values (one chain, its row number,
 * empty hashes): the report does not read them.
 */
final class AuditHistory {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(30);
    static final int ENTRIES_PER_TASK = 5;
    // Tasks per COPY: 5,000 tasks are some 5 MB of text, so that the loader fits beside a small heap.
    private static final int COPY_CHUNK = 5_000;
    private static final String[] TYPES = {"purchase-order", "invoice", "contract", "leave"};
    private static final String[] STAGES = {"Manager", "Finance", "Legal", "Director", "Procurement", "HR"};
    private static final String[] TENANTS = {"acme", "globex", "initech"};

    private final int tasks;

    AuditHistory(int entries) {
        if (entries < ENTRIES_PER_TASK || entries % ENTRIES_PER_TASK != 0) {
            throw new IllegalArgumentException(
                    "entries must be a positive multiple of " + ENTRIES_PER_TASK + ", but was " + entries);
        }
        this.tasks = entries / ENTRIES_PER_TASK;
    }

    int tasks() {
        return tasks;
    }

    /** Tasks that breach their SLA and are escalated: every fourth. */
    int breachedTasks() {
        return (tasks + 3) / 4;
    }

    void load(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder(COPY_CHUNK * ENTRIES_PER_TASK * 220);
            long seq = 0;
            for (int i = 0; i < tasks; i++) {
                seq = appendTask(rows, i, seq);
                if ((i + 1) % COPY_CHUNK == 0 || i == tasks - 1) {
                    try {
                        copy.copyIn(
                                "COPY escalation_audit (entry_id, type, task_id, tenant, occurred_at, actor, escalation_level,"
                                        + " from_assignee, to_assignee, step_key, details, chain, chain_seq, prev_hash,"
                                        + " entry_hash) FROM STDIN",
                                new StringReader(rows.toString()));
                    } catch (IOException e) {
                        throw new SQLException("COPY of audit rows up to task " + i + " failed", e);
                    }
                    rows.setLength(0);
                }
            }
        }
    }

    private long appendTask(StringBuilder rows, int i, long seq) {
        String id = "T-" + i;
        String type = TYPES[i % TYPES.length];
        String stage = STAGES[(i / TYPES.length) % STAGES.length];
        String tenant = TENANTS[i % TENANTS.length];
        String assignee = "user-" + (i % 500);
        Instant opened = START.plusMillis(SPAN.toMillis() * i / tasks);
        Instant deadline = opened.plus(Duration.ofHours(24));
        String sla = ",\"policy\":\"Approval\",\"deadline\":\"" + deadline + "\"";
        row(
                rows,
                id,
                seq++,
                "TASK_OPENED",
                id,
                tenant,
                opened,
                0,
                null,
                assignee,
                "{\"stage\":\"" + stage + "\",\"workflowType\":\"" + type + "\",\"priority\":\"normal\"}");
        row(
                rows,
                id,
                seq++,
                "WARNING_SENT",
                id,
                tenant,
                opened.plus(Duration.ofHours(22)),
                0,
                assignee,
                assignee,
                "{\"status\":\"AT_RISK\"" + sla + "}");
        Instant done;
        if (i % 4 == 0) {
            String lead = "lead-" + (i / 4 % 20);
            row(
                    rows,
                    id,
                    seq++,
                    "SLA_BREACHED",
                    id,
                    tenant,
                    deadline,
                    0,
                    null,
                    null,
                    "{\"status\":\"BREACHED\"" + sla + "}");
            row(
                    rows,
                    id,
                    seq++,
                    "ESCALATED",
                    id,
                    tenant,
                    deadline.plusSeconds(60),
                    1,
                    assignee,
                    lead,
                    "{\"status\":\"BREACHED\"" + sla + "}");
            done = deadline.plus(Duration.ofHours(6));
        } else {
            row(
                    rows,
                    id,
                    seq++,
                    "REMINDER_SENT",
                    id,
                    tenant,
                    opened.plus(Duration.ofHours(23)),
                    0,
                    assignee,
                    assignee,
                    "{\"status\":\"AT_RISK\"" + sla + "}");
            row(
                    rows,
                    id,
                    seq++,
                    "DEADLINE_CHANGED",
                    id,
                    tenant,
                    opened.plus(Duration.ofHours(23)).plusSeconds(1),
                    0,
                    null,
                    null,
                    "{\"from\":\"" + deadline + "\",\"to\":\"" + deadline.plusSeconds(3600) + "\"" + sla + "}");
            // Completed after its reminder and before the moved deadline: the engine warns only open tasks.
            done = opened.plus(Duration.ofHours(23)).plusSeconds(60L * (1 + i % 100));
        }
        row(rows, id, seq++, "TASK_COMPLETED", id, tenant, done, i % 4 == 0 ? 1 : 0, null, null, "{}");
        return seq;
    }

    private static void row(
            StringBuilder rows,
            String task,
            long seq,
            String type,
            String taskId,
            String tenant,
            Instant at,
            int level,
            String from,
            String to,
            String details) {
        rows.append(task)
                .append('-')
                .append(seq)
                .append('\t')
                .append(type)
                .append('\t')
                .append(taskId)
                .append('\t')
                .append(tenant)
                .append('\t')
                .append(at)
                .append('\t')
                .append("host\t")
                .append(level)
                .append('\t')
                .append(from == null ? "\\N" : from)
                .append('\t')
                .append(to == null ? "\\N" : to)
                .append('\t')
                .append("\\N\t")
                // COPY's text format reads a backslash as an escape: the JSON has none.
                .append(details)
                .append('\t')
                .append("bench\t")
                .append(seq)
                .append("\t\t\n");
    }
}
