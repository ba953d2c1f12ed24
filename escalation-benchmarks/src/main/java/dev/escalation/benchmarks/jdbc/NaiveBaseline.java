package dev.escalation.benchmarks.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.benchmarks.jdbc.StepRows.Outbox;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.sla.StepKind;
import dev.escalation.core.sla.StepPlan;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What the seed's scheduled job did, done as well as that design allows: load every open task,
 * evaluate every one of them (with core's public planner, {@link SlaEvaluator#plan}, so evaluation
 * costs what the engine's does), and write each due step on its own - the task's change, its audit
 * row and its pending outbox row in one transaction per task, then the delivery, and its update of
 * the outbox row in another. Its cost grows with the open tasks (the load and the evaluation) and
 * with a commit per row written. Plain SQL over the public schema ({@link StepRows}).
 */
final class NaiveBaseline {

    private static final Duration REDELIVER_AFTER = Duration.ofMinutes(5);
    private static final int FETCH_SIZE = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final String SELECT_OPEN = "SELECT id, workflow_type, stage, assignee, priority, tenant, sla_start,"
            + " attributes, status, holds, cycle, warned_at, reminders_sent, escalation_level, last_escalated_at,"
            + " re_escalations, breached_at, warning_at, deadline, next_check_at, version FROM " + StepRows.TASK
            + " WHERE status = 'OPEN'";

    private final DataSource dataSource;
    private final AtomicLong delivered;
    private final SlaPolicy policy = JdbcWorkload.policy();

    /** A job on {@code dataSource} whose notifier counts its notifications in {@code delivered}. */
    NaiveBaseline(DataSource dataSource, AtomicLong delivered) {
        this.dataSource = dataSource;
        this.delivered = delivered;
    }

    /** How long a run took in its two parts, and what it did. */
    record Timing(double loadAndEvaluateMillis, double writeMillis, int tasksLoaded, int stepsApplied) {}

    /** Applies the warning of every task due at {@code now}. */
    Timing run(Instant now) throws SQLException {
        long start = System.nanoTime();
        List<WorkflowTask> open = StepRows.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_OPEN)) {
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
        String actor = WarningStep.newActor();
        List<WarningStep> due = new ArrayList<>();
        for (WorkflowTask task : open) {
            StepPlan plan = SlaEvaluator.plan(policy, task, now);
            if (plan.hasSteps()) {
                due.add(warning(task, plan, now, actor));
            }
        }
        long evaluated = System.nanoTime();
        int applied = 0;
        for (WarningStep step : due) {
            applied += StepRows.inTransaction(dataSource, c -> {
                int changed = StepRows.warnTasks(c, List.of(step));
                StepRows.insertAudit(c, List.of(step));
                StepRows.insertOutbox(c, List.of(step), Outbox.PENDING, now.plus(REDELIVER_AFTER));
                return changed;
            });
            delivered.incrementAndGet();
            StepRows.inTransaction(dataSource, c -> {
                StepRows.markDelivered(c, step);
                return null;
            });
        }
        long written = System.nanoTime();
        return new Timing((evaluated - start) / 1e6, (written - evaluated) / 1e6, open.size(), applied);
    }

    private static WarningStep warning(WorkflowTask task, StepPlan plan, Instant now, String actor) {
        if (plan.notified().orElseThrow().kind() != StepKind.WARNING
                || !plan.skipped().isEmpty()) {
            throw new IllegalStateException("the benchmark's tasks only ever fall due for their warning, but task "
                    + task.id() + " is due for " + plan.notified().get() + " and " + plan.skipped());
        }
        EscalationState state = plan.state();
        return WarningStep.of(
                task.id(),
                task.version(),
                task.assignee(),
                now,
                state.deadline().orElseThrow(),
                actor);
    }

    private static WorkflowTask task(ResultSet rs) throws SQLException {
        EscalationState state = new EscalationState(
                rs.getInt("cycle"),
                StepRows.instant(rs, "warned_at"),
                rs.getInt("reminders_sent"),
                rs.getInt("escalation_level"),
                StepRows.instant(rs, "last_escalated_at"),
                rs.getInt("re_escalations"),
                StepRows.instant(rs, "breached_at"),
                StepRows.instant(rs, "warning_at"),
                StepRows.instant(rs, "deadline"),
                StepRows.instant(rs, "next_check_at"));
        return new WorkflowTask(
                rs.getString("id"),
                rs.getString("workflow_type"),
                rs.getString("stage"),
                rs.getString("assignee"),
                rs.getString("priority"),
                Optional.ofNullable(rs.getString("tenant")),
                StepRows.requiredInstant(rs, "sla_start"),
                json(rs, "attributes", text -> JSON.readValue(text, STRING_MAP)),
                TaskStatus.valueOf(rs.getString("status")),
                json(rs, "holds", NaiveBaseline::holds),
                state,
                rs.getLong("version"));
    }

    /** A JSON text column read by {@code reader}: the job decodes every column of every row it loads. */
    private static <T> T json(ResultSet rs, String column, JsonReader<T> reader) throws SQLException {
        try {
            return reader.read(rs.getString(column));
        } catch (JsonProcessingException e) {
            throw new SQLException(column + " of task " + rs.getString("id") + " is no valid JSON", e);
        }
    }

    @FunctionalInterface
    private interface JsonReader<T> {
        T read(String text) throws JsonProcessingException;
    }

    /** The holds column: {@code [{"from": instant, "until": instant}]}, no {@code until} while a hold lasts. */
    private static List<Hold> holds(String text) throws JsonProcessingException {
        List<Hold> holds = new ArrayList<>();
        for (JsonNode hold : JSON.readTree(text)) {
            JsonNode until = hold.get("until");
            holds.add(new Hold(
                    Instant.parse(hold.path("from").asText()),
                    until == null || until.isNull() ? Optional.empty() : Optional.of(Instant.parse(until.asText()))));
        }
        return holds;
    }
}
