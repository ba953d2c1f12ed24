package dev.escalation.core.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How a host keeps the library's task store in step with its workflow: open a task when a stage
 * starts, complete or cancel it when someone acts, reassign it, move it, pause its SLA clock.
 * Every change bumps the task's version, so a run that evaluated the old state cannot apply a
 * step to the new one, and makes the task due for evaluation at the next run.
 *
 * <p>Errors: an unknown id throws {@link TaskNotFoundException}, a duplicate id
 * {@link DuplicateTaskException}, a bad value {@link IllegalArgumentException}, a change that the
 * task's status forbids (resuming an open task, reassigning a completed one)
 * {@link IllegalStateException}. On error nothing is stored.
 */
public interface TaskStore {

    /**
     * Starts watching a task.
     *
     * @param task the new task
     * @return the task as stored
     */
    WorkflowTask open(NewTask task);

    /**
     * Starts watching many tasks at once: an import from the system a host replaces. Each task is
     * validated as {@link #open} validates it and audited as opened; an id stored already or repeated
     * in the import fails it with a {@link DuplicateTaskException}. A store that overrides this
     * (the in-memory and JDBC stores do) stores all of them or, on any error, none, and plans their
     * first checks as {@link TaskImports} documents, so that they do not all fall due in one run.
     *
     * <p>This default, for stores that do not override it, checks that no task is null and no id
     * occurs twice, then calls {@link #open} for each in turn: the tasks are all due at once, and an
     * error on one leaves the tasks before it opened.
     *
     * @param tasks the tasks to open, in order
     * @return the tasks as stored, in the same order
     */
    default List<WorkflowTask> openAll(Collection<NewTask> tasks) {
        List<NewTask> checked = TaskImports.checked(tasks);
        List<WorkflowTask> opened = new ArrayList<>(checked.size());
        for (NewTask task : checked) {
            opened.add(open(task));
        }
        return List.copyOf(opened);
    }

    /**
     * The task with this id, whatever its status.
     *
     * @param taskId the id
     * @return the task, or empty when no task has that id
     */
    Optional<WorkflowTask> find(String taskId);

    /**
     * Stops escalation for good; completing a completed task is a no-op.
     *
     * @param taskId the task's id
     * @return the task as it now is
     */
    WorkflowTask complete(String taskId);

    /**
     * Stops escalation for good; cancelling a cancelled task is a no-op.
     *
     * @param taskId the task's id
     * @return the task as it now is
     */
    WorkflowTask cancel(String taskId);

    /**
     * Gives the task to someone else and restarts escalation (a new cycle, SLA from now).
     *
     * @param taskId   the task's id
     * @param assignee the new assignee
     * @return the task as it now is
     */
    WorkflowTask reassign(String taskId, String assignee);

    /**
     * Moves the task to another stage entered at {@code enteredAt}; escalation restarts under that stage's policy.
     *
     * @param taskId    the task's id
     * @param stage     the new stage
     * @param assignee  the assignee in that stage
     * @param enteredAt when the task entered the stage: its new SLA start
     * @return the task as it now is
     */
    WorkflowTask changeStage(String taskId, String stage, String assignee, Instant enteredAt);

    /**
     * Changes the priority; the deadline is recomputed from the original SLA start at the next run.
     *
     * @param taskId   the task's id
     * @param priority the new priority
     * @return the task as it now is
     */
    WorkflowTask changePriority(String taskId, String priority);

    /**
     * Pauses the SLA clock: nothing escalates until {@link #resume}.
     *
     * @param taskId the task's id
     * @return the task as it now is
     */
    WorkflowTask hold(String taskId);

    /**
     * Resumes the SLA clock; the deadline moves by the time spent on hold.
     *
     * @param taskId the task's id
     * @return the task as it now is
     */
    WorkflowTask resume(String taskId);

    /**
     * Records that {@code who} has taken the task in hand: no step (warning, reminder, escalation) fires for
     * the policy's {@code acknowledge_timeout}; when nobody acts within it (completes, reassigns, moves the
     * task), the next run escalates it to the next level. The SLA clock runs on. Acknowledging an
     * acknowledged task is a no-op (the first acknowledgement's window stands); a finished task throws
     * {@link IllegalStateException}. Under a policy without {@code acknowledge_timeout} the acknowledgement
     * is recorded and audited but holds nothing.
     *
     * <p>A default method (added after 1.0), so that a host's own {@code TaskStore} written before it still
     * compiles; it throws until the store implements it. {@link AbstractTaskStore} implements it.
     *
     * @param taskId the task's id
     * @param who    who acknowledges it
     * @return the task as it now is
     * @throws UnsupportedOperationException when the store does not implement acknowledgements
     */
    default WorkflowTask acknowledge(String taskId, String who) {
        throw new UnsupportedOperationException(
                getClass().getName() + " does not implement acknowledge; extend AbstractTaskStore or implement it");
    }

    /**
     * Holds the task's reminders until {@code until}: a reminder falling due before then is sent at
     * {@code until} instead (several collapse into one); the warning, the escalations and the deadline keep
     * their instants. Snoozing again replaces the snooze. A store whose {@link TaskRules} know the policies
     * rejects an {@code until} beyond the policy's {@code max_snooze} with an {@link IllegalArgumentException};
     * the engine never holds reminders longer than that either way.
     *
     * @param taskId the task's id
     * @param until  when the snooze ends; after now
     * @param who    who snoozes it
     * @return the task as it now is
     * @throws UnsupportedOperationException when the store does not implement snoozes (a default method added
     *     after 1.0, as {@link #acknowledge} is)
     */
    default WorkflowTask snooze(String taskId, Instant until, String who) {
        throw new UnsupportedOperationException(
                getClass().getName() + " does not implement snooze; extend AbstractTaskStore or implement it");
    }
}
