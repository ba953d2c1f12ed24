package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.jdbc.StepStatements.Step;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.sla.StepKind;
import dev.escalation.core.sla.StepPlan;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.jdbc.internal.JsonColumns;
import dev.escalation.jdbc.internal.Timestamps;
import dev.escalation.jdbc.internal.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the seed's scheduled job did, done as well as that design allows: load every open task,
 * evaluate every one of them (with the engine's own planner, so evaluation costs the same), and
 * write each due step on its own - the task's state, its audit row and its outbox row in one
 * transaction per task, then the delivery in another. Its cost grows with the open tasks (the
 * load and the evaluation) and with a commit per row written.
 */
final class NaiveBaseline {

    private static final String ACTOR = "naive-baseline";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int FETCH_SIZE = 10_000;

    private final Transactions tx;
    private final SlaPolicy policy = JdbcWorkload.policy();

    NaiveBaseline(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** How long a run took in its two parts, and what it did. */
    record Timing(double loadAndEvaluateMillis, double writeMillis, int tasksLoaded, int stepsApplied) {}

    /** Applies the warning of every task due at {@code now}. */
    Timing run(Instant now) {
        long start = System.nanoTime();
        List<WorkflowTask> open = tx.inTransaction("loading every open task", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + StepStatements.TASK_COLUMNS + " FROM escalation_task WHERE status = 'OPEN'")) {
                ps.setFetchSize(FETCH_SIZE);
                List<WorkflowTask> tasks = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tasks.add(task(rs));
                    }
                }
                return tasks;
            }
        });
        List<Step> due = new ArrayList<>();
        for (WorkflowTask task : open) {
            StepPlan plan = SlaEvaluator.plan(policy, task, now);
            if (plan.hasSteps()) {
                due.add(warning(task, plan, now));
            }
        }
        long evaluated = System.nanoTime();
        int applied = 0;
        for (Step step : due) {
            applied += write(step, now);
            tx.inTransaction("recording a delivery", c -> {
                try (PreparedStatement ps = c.prepareStatement(StepStatements.RECORD_DELIVERY)) {
                    StepStatements.bindDelivered(ps, step.notificationKey(), now);
                    return ps.executeUpdate();
                }
            });
        }
        long written = System.nanoTime();
        return new Timing((evaluated - start) / 1e6, (written - evaluated) / 1e6, open.size(), applied);
    }

    private int write(Step step, Instant now) {
        return tx.inTransaction("recording a step", c -> {
            int applied;
            try (PreparedStatement ps = c.prepareStatement(StepStatements.COMPARE_AND_SWAP)) {
                StepStatements.bindCompareAndSwap(ps, step, now);
                applied = ps.executeUpdate();
            }
            StepStatements.OUTBOX_ROWS.insert(c, List.of(step));
            StepStatements.AUDIT_ROWS.insert(c, List.of(step.auditEntry()));
            return applied;
        });
    }

    private static Step warning(WorkflowTask task, StepPlan plan, Instant now) {
        if (plan.notified().orElseThrow().kind() != StepKind.WARNING
                || !plan.skipped().isEmpty()) {
            throw new IllegalStateException("the benchmark's tasks only ever fall due for their warning, but task "
                    + task.id() + " is due for " + plan.notified().get() + " and " + plan.skipped());
        }
        EscalationState state = plan.state();
        return Step.warning(
                task.id(),
                task.version(),
                task.assignee(),
                now,
                state.warningAt().orElseThrow(),
                state.deadline().orElseThrow(),
                ACTOR,
                now.plus(LEASE));
    }

    private static WorkflowTask task(ResultSet rs) throws SQLException {
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
                Timestamps.read(rs, "next_check_at"));
        return new WorkflowTask(
                rs.getString("id"),
                rs.getString("workflow_type"),
                rs.getString("stage"),
                rs.getString("assignee"),
                rs.getString("priority"),
                Optional.ofNullable(rs.getString("tenant")),
                Timestamps.required(rs, "sla_start"),
                JsonColumns.map("attributes", rs.getString("attributes")),
                TaskStatus.valueOf(rs.getString("status")),
                JsonColumns.holds(rs.getString("holds")),
                state,
                rs.getLong("version"));
    }
}
