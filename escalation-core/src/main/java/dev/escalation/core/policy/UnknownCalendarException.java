package dev.escalation.core.policy;

/**
 * A policy that picks its calendar from the task found none for a task and names no default (issue #20).
 * The engine reports the task ({@code TaskFailure.Kind.EVALUATION_FAILED}), audits {@code TASK_FAILED}
 * with this message, and checks it again after its retry delay; it never falls back silently.
 */
public final class UnknownCalendarException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Says why no calendar was found.
     *
     * @param message the task, what the policy looked at and what it found
     */
    public UnknownCalendarException(String message) {
        super(message);
    }
}
