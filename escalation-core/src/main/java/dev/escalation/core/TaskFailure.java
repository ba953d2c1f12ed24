package dev.escalation.core;

/**
 * A task that a run could not handle, and why; it is checked again on a later run.
 *
 * @param taskId  the task
 * @param kind    what went wrong
 * @param message the cause, for people
 */
public record TaskFailure(String taskId, Kind kind, String message) {

    /** The kinds of per-task trouble a run reports. */
    public enum Kind {
        /** No policy matched the task (unknown stage or workflow type). */
        NO_POLICY,
        /** An escalation level's target could not be resolved. */
        TARGET_UNRESOLVED,
        /** Evaluating the task threw (a bad row, a broken policy resolver). */
        EVALUATION_FAILED
    }

    /**
     * Validates the failure.
     *
     * @param taskId  the task
     * @param kind    what went wrong
     * @param message the cause, for people
     * @throws IllegalArgumentException when a value is null or the task id is blank
     */
    public TaskFailure {
        Require.text("taskId", taskId);
        Require.present("kind", kind);
        Require.present("message", message);
    }
}
