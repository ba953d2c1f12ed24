package dev.escalation.core.task;

import java.time.Instant;
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

    /** Starts watching a task. */
    WorkflowTask open(NewTask task);

    Optional<WorkflowTask> find(String taskId);

    /** Stops escalation for good; completing a completed task is a no-op. */
    WorkflowTask complete(String taskId);

    /** Stops escalation for good; cancelling a cancelled task is a no-op. */
    WorkflowTask cancel(String taskId);

    /** Gives the task to someone else and restarts escalation (a new cycle, SLA from now). */
    WorkflowTask reassign(String taskId, String assignee);

    /** Moves the task to another stage entered at {@code enteredAt}; escalation restarts under that stage's policy. */
    WorkflowTask changeStage(String taskId, String stage, String assignee, Instant enteredAt);

    /** Changes the priority; the deadline is recomputed from the original SLA start at the next run. */
    WorkflowTask changePriority(String taskId, String priority);

    /** Pauses the SLA clock: nothing escalates until {@link #resume}. */
    WorkflowTask hold(String taskId);

    /** Resumes the SLA clock; the deadline moves by the time spent on hold. */
    WorkflowTask resume(String taskId);
}
