package dev.escalation.core.task;

/** The host opened a task with an id that the store already holds. */
public class DuplicateTaskException extends IllegalArgumentException {

    /**
     * A task with this id exists already.
     *
     * @param taskId the id
     */
    public DuplicateTaskException(String taskId) {
        super("task '" + taskId + "' already exists");
    }
}
