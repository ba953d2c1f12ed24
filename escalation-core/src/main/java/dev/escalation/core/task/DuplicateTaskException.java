package dev.escalation.core.task;

/** The host opened a task with an id that the store already holds. */
public class DuplicateTaskException extends IllegalArgumentException {

    public DuplicateTaskException(String taskId) {
        super("task '" + taskId + "' already exists");
    }
}
