package dev.escalation.core.sla;

/** The kinds of step that a policy schedules for a task. */
public enum StepKind {
    /** The one warning before the deadline, to the assignee. */
    WARNING,
    /** Reminder number n to the assignee, while in warning or breached. */
    REMINDER,
    /** Escalation to level n: the task is reassigned to the level's target. */
    ESCALATION,
    /** Re-escalation number n at the last level, while nobody acts. */
    RE_ESCALATION
}
