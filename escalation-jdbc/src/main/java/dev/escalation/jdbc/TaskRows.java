package dev.escalation.jdbc;

import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.task.Attention;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.GoalBook;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Maps task rows to {@link WorkflowTask}s and back. A row that does not make a valid task (an
 * unknown status, unparseable JSON, a value the task's validation rejects, a due check on a task
 * that is not open) becomes an {@link Unreadable} instead of an exception, so that one bad row
 * never stops a run.
 */
final class TaskRows {

    /** The columns every task query selects, in this order. */
    static final String COLUMNS =
            "id, workflow_type, stage, assignee, priority, tenant, sla_start, attributes, status, holds, "
                    + "cycle, warned_at, reminders_sent, escalation_level, last_escalated_at, re_escalations, breached_at, warning_at, "
                    + "deadline, next_check_at, version, policy_id, policy_version, "
                    + "acknowledged_by, acknowledged_at, snoozed_at, snoozed_until, warnings_sent, goals";

    /** The escalation state's columns, bound by {@link #bindState} in this order. */
    static final String STATE_ASSIGNMENTS = StateColumns.ASSIGNMENTS;

    private TaskRows() {}

    /** A row as read: either a task or the reason it is not one. */
    sealed interface Row permits ReadableRow, Unreadable {
        String id();

        long version();
    }

    /** Oldest next check first, then by id; unreadable rows last. */
    static final Comparator<Row> DUE_ORDER = Comparator.comparing((Row row) -> row instanceof ReadableRow r
                    ? r.task().escalation().nextCheckAt().orElse(Instant.MAX)
                    : Instant.MAX)
            .thenComparing(Row::id);

    record ReadableRow(WorkflowTask task) implements Row {
        @Override
        public String id() {
            return task.id();
        }

        @Override
        public long version() {
            return task.version();
        }
    }

    /** A row that does not make a valid task; {@code tenant} and {@code level} are what could be read of it. */
    record Unreadable(String id, Optional<String> tenant, int level, long version, String reason) implements Row {}

    static Row read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
            Optional<Instant> nextCheckAt = Timestamps.read(rs, "next_check_at");
            if (status != TaskStatus.OPEN && nextCheckAt.isPresent()) {
                throw new IllegalArgumentException(
                        "status is " + status + " but next_check_at is " + nextCheckAt.get());
            }
            EscalationState state = new EscalationState(
                    rs.getInt("cycle"),
                    Timestamps.read(rs, "warned_at"),
                    rs.getInt("reminders_sent"),
                    rs.getInt("escalation_level"),
                    Timestamps.read(rs, "last_escalated_at"),
                    rs.getInt("re_escalations"),
                    Timestamps.read(rs, "breached_at"),
                    Timestamps.read(rs, "warning_at"),
                    Timestamps.read(rs, "deadline"),
                    nextCheckAt,
                    policy(rs),
                    new Attention(
                            Optional.ofNullable(rs.getString("acknowledged_by")),
                            Timestamps.read(rs, "acknowledged_at"),
                            Timestamps.read(rs, "snoozed_at"),
                            Timestamps.read(rs, "snoozed_until")),
                    rs.getInt("warnings_sent"),
                    GoalBook.fromText(rs.getString("goals")));
            WorkflowTask task = new WorkflowTask(
                    id,
                    rs.getString("workflow_type"),
                    rs.getString("stage"),
                    rs.getString("assignee"),
                    rs.getString("priority"),
                    Tenants.read(rs, "tenant"),
                    Timestamps.required(rs, "sla_start"),
                    JsonColumns.map("attributes", rs.getString("attributes")),
                    status,
                    JsonColumns.holds(rs.getString("holds")),
                    state,
                    rs.getLong("version"));
            return new ReadableRow(task);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A database failure (SQLException) is no bad row: it propagates and aborts the call.
            return new Unreadable(
                    id,
                    Tenants.read(rs, "tenant"),
                    Math.max(0, rs.getInt("escalation_level")),
                    rs.getLong("version"),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Binds the state's columns in {@link #STATE_ASSIGNMENTS} order from {@code index}; returns the next index. */
    static int bindState(PreparedStatement ps, int index, EscalationState s, boolean open) throws SQLException {
        // Only open tasks are ever due: the due index then holds nothing else.
        return StateColumns.bind(ps, index, open ? s : s.withNextCheckAt(Optional.empty()));
    }

    /** The recorded policy version; a row with only one of the two columns is not a valid task. */
    private static Optional<PolicyVersion> policy(ResultSet rs) throws SQLException {
        String id = rs.getString("policy_id");
        String version = rs.getString("policy_version");
        return id == null && version == null ? Optional.empty() : Optional.of(new PolicyVersion(id, version));
    }

    /**
     * The host-owned columns a change writes, bound by {@link #bindTask} (without the tenant) before the
     * state. Not the tenant: a task's tenant never changes, and on Citus it is the distribution key,
     * which an UPDATE may not set.
     */
    static final String TASK_ASSIGNMENTS = "workflow_type = ?, stage = ?, assignee = ?, priority = ?, sla_start = ?, "
            + "attributes = ?, status = ?, holds = ?, " + STATE_ASSIGNMENTS;

    /**
     * Binds the host-owned columns and the state from {@code index} in the order of an insert's columns,
     * with the tenant after the priority when {@code withTenant}, else in the order of {@link #TASK_ASSIGNMENTS};
     * returns the next index.
     */
    static int bindTask(PreparedStatement ps, int index, WorkflowTask t, Dialect dialect, boolean withTenant)
            throws SQLException {
        ps.setString(index++, t.workflowType());
        ps.setString(index++, t.stage());
        ps.setString(index++, t.assignee());
        ps.setString(index++, t.priority());
        if (withTenant) {
            ps.setString(index++, dialect.tenantColumn(t.tenant()));
        }
        Timestamps.bind(ps, index++, t.slaStart());
        ps.setString(index++, JsonColumns.map(t.attributes()));
        ps.setString(index++, t.status().name());
        ps.setString(index++, JsonColumns.holds(t.holds()));
        return bindState(ps, index, t.escalation(), t.status() == TaskStatus.OPEN);
    }
}
