package dev.escalation.core.task;

import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link TaskStore} whose changes of existing tasks are the {@link TaskChanges} functions, applied
 * through the one method a store writes itself: {@link #apply}, which loads and locks the task,
 * applies the change, saves it and records its audit entry. The in-memory store, the JDBC store and
 * the adapter example all extend it, so the seven changes read, validate and time alike everywhere.
 *
 * <pre>{@code
 * final class MyTasks extends AbstractTaskStore {
 *     MyTasks(Clock clock) { super(clock, TaskRules.none()); }
 *
 *     protected WorkflowTask apply(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change) {
 *         WorkflowTask current = loadForUpdate(taskId);          // TaskNotFoundException if absent
 *         Optional<TaskChanges.Change> changed = change.apply(current);
 *         changed.ifPresent(c -> { save(c.task()); audit(c.audit()); });
 *         return changed.map(TaskChanges.Change::task).orElse(current);
 *     }
 *     // open(...) and find(...) as the store needs
 * }
 * }</pre>
 */
public abstract class AbstractTaskStore implements TaskStore {

    private final Clock clock;
    private final TaskRules rules;

    /**
     * Changes are timed by {@code clock} (the engine's) and checked against {@code rules}.
     *
     * @param clock times every change
     * @param rules what the store accepts
     */
    protected AbstractTaskStore(Clock clock, TaskRules rules) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The clock that times every change; a {@link dev.escalation.core.spi.WorkflowRepository} that
     * extends this class hands it to its engine, so that host and engine read one clock.
     *
     * @return the clock
     */
    public final Clock clock() {
        return clock;
    }

    /**
     * What this store accepts beyond what every task must satisfy.
     *
     * @return the rules
     */
    protected final TaskRules rules() {
        return rules;
    }

    /**
     * Loads the task and keeps others from changing it meanwhile (a lock, or a compare-and-swap on its
     * version when saving), applies {@code change}, and when it returns a change saves the changed task
     * (bumped version, released claim) and records the change's audit entry. An empty change (completing
     * a completed task) leaves everything as it is.
     *
     * @param taskId a task id already checked not to be blank
     * @param change   computes the change from the task as loaded; empty for no change
     * @return the task as it now is
     * @throws TaskNotFoundException when no task has that id
     */
    protected abstract WorkflowTask apply(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change);

    @Override
    public final WorkflowTask complete(String taskId) {
        return applyIfAny(taskId, task -> TaskChanges.complete(task, clock.now()));
    }

    @Override
    public final WorkflowTask cancel(String taskId) {
        return applyIfAny(taskId, task -> TaskChanges.cancel(task, clock.now()));
    }

    @Override
    public final WorkflowTask reassign(String taskId, String assignee) {
        return applyAlways(taskId, task -> TaskChanges.reassign(task, assignee, clock.now()));
    }

    @Override
    public final WorkflowTask changeStage(String taskId, String stage, String assignee, Instant enteredAt) {
        return applyAlways(taskId, task -> TaskChanges.changeStage(task, stage, assignee, enteredAt, clock.now()));
    }

    @Override
    public final WorkflowTask changePriority(String taskId, String priority) {
        return applyAlways(taskId, task -> TaskChanges.changePriority(task, priority, clock.now(), rules));
    }

    @Override
    public final WorkflowTask hold(String taskId) {
        return applyAlways(taskId, task -> TaskChanges.hold(task, clock.now()));
    }

    @Override
    public final WorkflowTask resume(String taskId) {
        return applyAlways(taskId, task -> TaskChanges.resume(task, clock.now()));
    }

    @Override
    public final WorkflowTask acknowledge(String taskId, String who) {
        return applyIfAny(taskId, task -> TaskChanges.acknowledge(task, who, clock.now()));
    }

    @Override
    public final WorkflowTask snooze(String taskId, Instant until, String who) {
        return applyAlways(taskId, task -> TaskChanges.snooze(task, until, who, clock.now(), rules.maxSnooze(task)));
    }

    private WorkflowTask applyIfAny(String taskId, Function<WorkflowTask, Optional<TaskChanges.Change>> change) {
        return apply(TaskChanges.taskId(taskId), change);
    }

    private WorkflowTask applyAlways(String taskId, Function<WorkflowTask, TaskChanges.Change> change) {
        return applyIfAny(taskId, task -> Optional.of(change.apply(task)));
    }
}
