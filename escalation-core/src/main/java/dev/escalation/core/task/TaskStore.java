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

    /**
     * Starts watching a task.
     *
     * @param task the new task
     * @return the task as stored
     */
    WorkflowTask open(NewTask task);

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
     * Meets one named goal of the task (e.g. {@code "response"}): the goal's pending steps stop and
     * its undelivered notices are withdrawn. Meeting the task's last open goal completes the task.
     * Meeting a met goal is a no-op. The goals are the task's policy's, as the engine last planned
     * the task; a task never planned yet accepts any goal name, and its policy's goals decide.
     *
     * @param taskId the task's id
     * @param goal   the goal's name
     * @return the task as it now is
     * @throws IllegalArgumentException when the name is no goal's, or not one of the task's planned goals
     * @throws IllegalStateException when the task is completed or cancelled
     */
    WorkflowTask meet(String taskId, String goal);
}
