package dev.escalation.examples.adapter;

import dev.escalation.core.audit.AuditType;
import dev.escalation.core.task.AbstractTaskStore;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskChanges;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The host's side of {@link WorkflowInstanceRepository}: how the host's workflow code changes
 * {@code workflow_instances} so that escalation keeps up. Each change writes the host's row and the
 * escalation row in one transaction and bumps the version, so a run that planned a step on the old
 * state loses its compare-and-swap instead of escalating a task that was just approved.
 *
 * <p>The rules of each change (what a reassignment restarts, what a hold pauses) come from core's
 * {@link TaskChanges}, shared by every store; this class only loads, locks and saves rows.
 * Instances that existed before escalation was switched on are picked up by {@link #trackOpenInstances()}.
 *
 * <p>The rule that keeps it correct: code that finishes, reassigns or moves an instance without this
 * store must make the same two writes in its own transaction (host row, escalation row with a new
 * version and status), or escalation goes on acting on the state it last saw.
 */
public final class WorkflowInstanceTasks extends AbstractTaskStore {

    private final DataSource dataSource;
    private final WorkflowInstanceRepository repository;

    /** A store whose changes are timed by {@code clock}, audited in {@code escalation_audit}; any priority. */
    public WorkflowInstanceTasks(DataSource dataSource, Clock clock) {
        this(dataSource, clock, TaskRules.none());
    }

    /** The same, accepting only what {@code rules} allow (the priorities of the host's workflow). */
    public WorkflowInstanceTasks(DataSource dataSource, Clock clock, TaskRules rules) {
        super(clock, rules);
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.repository = new WorkflowInstanceRepository(dataSource, clock);
    }

    /** The engine's side over the same tables, reading the same clock. */
    public WorkflowInstanceRepository repository() {
        return repository;
    }

    /**
     * Starts watching every OPEN instance that has no escalation row yet, with its SLA counted from
     * {@code stage_entered_at}: call it once when escalation is switched on (and after bulk imports
     * that bypass this store). Instances already past their deadline escalate at the next run.
     *
     * @return how many instances it started watching
     */
    public int trackOpenInstances() {
        return Jdbc.inTransaction(dataSource, "tracking open workflow instances", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO workflow_escalation (instance_id, version, status, sla_start,"
                            + " next_check_at) SELECT w.id, 1, 'OPEN', w.stage_entered_at, CAST(? AS TIMESTAMP WITH TIME ZONE)"
                            + " FROM workflow_instances w WHERE w.status = 'OPEN'"
                            + " AND NOT EXISTS (SELECT 1 FROM workflow_escalation e WHERE e.instance_id = w.id)")) {
                Jdbc.bind(ps, 1, clock().now());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public WorkflowTask open(NewTask task) {
        TaskChanges.Change change = TaskChanges.open(task, clock().now(), rules());
        InstanceRows.requireKnownAttributes(task.attributes());
        Jdbc.inTransaction(dataSource, "opening task '" + task.id() + "'", c -> {
            if (hostRowExists(c, task.id())) {
                throw new DuplicateTaskException(task.id());
            }
            InstanceRows.insert(c, change.task());
            EscalationAudit.append(c, List.of(change.audit()));
            return null;
        });
        return change.task();
    }

    @Override
    public Optional<WorkflowTask> find(String taskId) {
        TaskChanges.taskId(taskId);
        return Jdbc.inTransaction(dataSource, "reading task '" + taskId + "'", c -> find(c, taskId));
    }

    /** Locks the escalation row, so that a run recording a step waits for this change instead of racing it. */
    @Override
    protected WorkflowTask apply(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change) {
        Outcome outcome = Jdbc.inTransaction(dataSource, "changing task '" + taskId + "'", c -> {
            try (PreparedStatement lock =
                    c.prepareStatement("SELECT version FROM workflow_escalation WHERE instance_id = ? FOR UPDATE")) {
                lock.setString(1, taskId);
                lock.executeQuery().close();
            }
            WorkflowTask current = find(c, taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
            Optional<TaskChanges.Change> changed = change.apply(current);
            if (changed.isPresent()) {
                WorkflowTask task = changed.get().task();
                boolean enteredStage = changed.get().audit().type() == AuditType.STAGE_CHANGED;
                InstanceRows.save(c, task, enteredStage ? Optional.of(task.slaStart()) : Optional.empty());
                EscalationAudit.append(c, List.of(changed.get().audit()));
            }
            return new Outcome(current, changed);
        });
        return outcome.change().map(TaskChanges.Change::task).orElse(outcome.current());
    }

    /** A task before a change, and the change if there was one (completing a completed task is none). */
    private record Outcome(WorkflowTask current, Optional<TaskChanges.Change> change) {}

    private static Optional<WorkflowTask> find(Connection c, String taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(InstanceRows.SELECT + " WHERE w.id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(InstanceRows.read(rs)) : Optional.empty();
            }
        }
    }

    private static boolean hostRowExists(Connection c, String taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM workflow_instances WHERE id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
