package dev.escalation.core.task;

/** Where a task stands in the host's workflow, as far as escalation cares. */
public enum TaskStatus {
    /** Waiting for its assignee; the SLA clock runs. */
    OPEN,
    /** Waiting on someone outside the team; the SLA clock is paused and nothing escalates. */
    ON_HOLD,
    /** Acted upon; escalation has stopped for good. */
    COMPLETED,
    /** Withdrawn by the host; escalation has stopped for good. */
    CANCELLED;

    /**
     * Whether the task can still receive steps (warnings, reminders, escalations) at some point.
     *
     * @return whether the task is active
     */
    public boolean isActive() {
        return this == OPEN || this == ON_HOLD;
    }
}
