package dev.escalation.core.task;

/** The host named a task that the store does not hold. */
public class TaskNotFoundException extends IllegalArgumentException {

    /**
     * No task has this id.
     *
     * @param taskId the id
     */
    public TaskNotFoundException(String taskId) {
        super("task '" + taskId + "' does not exist");
    }
}
