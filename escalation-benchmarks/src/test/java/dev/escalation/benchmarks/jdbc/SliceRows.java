package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.jdbc.TaskTable.Slice;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run left in the rows of one slice's tasks, made comparable between slices: every column
 * of the task, audit and outbox rows, with each instant the runs write taken relative to the task's SLA start, and
 * the task's id, assignee, deadline and the run's instant replaced by names inside keys and texts.
 * Two runners that did the same work on two slices leave equal {@code SliceRows}.
 *
 * <p>Left out on purpose: the audit rows' own ids and order ({@code entry_id}, {@code seq}), their
 * place in a hash chain ({@code chain}, {@code chain_seq}, {@code prev_hash}, {@code entry_hash}),
 * which the store keeps and the baselines do not (see {@link StepRows}), and the value of the
 * actor, a run's random id (that it is one is kept).
 *
 * @param tasks  each distinct task row shape, with how many rows have it
 * @param audit  each distinct audit row shape, with how many rows have it
 * @param outbox each distinct outbox row shape, with how many rows have it
 */
record SliceRows(Map<String, Long> tasks, Map<String, Long> audit, Map<String, Long> outbox) {

    private static final String UUID = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

    static SliceRows of(BenchmarkDatabase db, Slice slice) throws SQLException {
        String ids = slice.ids();
        return new SliceRows(
                shapes(
                        db,
                        "FROM escalation_task t WHERE t.id IN " + ids,
                        List.of(
                                "t.workflow_type",
                                "t.stage",
                                "t.assignee LIKE 'user-%'",
                                "t.priority",
                                "t.tenant",
                                "t.attributes",
                                "t.status",
                                "t.holds",
                                "t.cycle",
                                relative("t.warned_at"),
                                "t.reminders_sent",
                                "t.escalation_level",
                                relative("t.last_escalated_at"),
                                "t.re_escalations",
                                relative("t.breached_at"),
                                relative("t.warning_at"),
                                relative("t.deadline"),
                                relative("t.next_check_at"),
                                "t.version",
                                "t.claimed_by",
                                relative("t.claimed_until"),
                                "t.created_at",
                                relative("t.updated_at"))),
                shapes(
                        db,
                        "FROM escalation_audit a JOIN escalation_task t ON t.id = a.task_id WHERE a.task_id IN " + ids,
                        List.of(
                                "a.type",
                                "a.tenant",
                                relative("a.occurred_at"),
                                "a.actor ~ " + UUID,
                                "a.escalation_level",
                                "a.from_assignee = t.assignee",
                                "a.to_assignee = t.assignee",
                                named("a.step_key", "a.occurred_at"),
                                named("a.details", "a.occurred_at"))),
                shapes(
                        db,
                        "FROM escalation_outbox o JOIN escalation_task t ON t.id = o.task_id WHERE o.task_id IN " + ids,
                        List.of(
                                named("o.idempotency_key", "o.created_at"),
                                "o.tenant",
                                named("o.payload", "o.created_at"),
                                "o.status",
                                "o.attempts",
                                relative("o.next_attempt_at"),
                                "o.last_error",
                                "o.claimed_by",
                                relative("o.created_at"),
                                relative("o.updated_at"),
                                relative("o.delivered_at"))));
    }

    /** An instant as the interval since the task's SLA start. */
    private static String relative(String column) {
        return "(" + column + " - t.sla_start)";
    }

    /** A text with the task's id, assignee, deadline and the instant in {@code now} replaced by names. */
    private static String named(String column, String now) {
        return "replace(replace(replace(replace(" + column + ", t.id, '<id>'), t.assignee, '<assignee>'), "
                + iso("t.deadline") + ", '<deadline>'), " + iso(now) + ", '<now>')";
    }

    /** An instant as {@code Instant.toString()} writes a whole second. */
    private static String iso(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
    }

    private static Map<String, Long> shapes(BenchmarkDatabase db, String from, List<String> expressions)
            throws SQLException {
        String shape = "format('" + "%s|".repeat(expressions.size()) + "', "
                + expressions.stream().collect(Collectors.joining(", ")) + ")";
        Map<String, Long> shapes = new HashMap<>();
        try (Connection c = db.plain().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + shape + ", COUNT(*) " + from + " GROUP BY 1")) {
            while (rs.next()) {
                shapes.put(rs.getString(1), rs.getLong(2));
            }
        }
        return shapes;
    }
}
