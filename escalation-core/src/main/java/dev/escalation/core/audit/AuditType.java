package dev.escalation.core.audit;

/** What an audit entry records. */
public enum AuditType {
    /** The warning step was applied and its notification queued. */
    WARNING_SENT,
    /** A reminder step was applied and its notification queued. */
    REMINDER_SENT,
    /** The task was reassigned to the next escalation level. */
    ESCALATED,
    /** The last level was escalated again because nobody acted. */
    RE_ESCALATED,
    /** The engine found the task past its deadline for the first time in this cycle. */
    SLA_BREACHED,
    /** A step fell due together with a more advanced one (a late run) and was not notified. */
    STEP_SKIPPED,
    /** An escalation could not find its target; the step is retried later. */
    TARGET_UNRESOLVED,
    /** A task was skipped: no policy, a bad row, an unknown stage. It is checked again later. */
    TASK_SKIPPED,
    /** Evaluating or recording a task failed; it is checked again later. */
    TASK_FAILED,
    /** A notification could not be delivered after its last attempt. */
    NOTIFICATION_GIVEN_UP,
    /** A notification's delivery window was closed; it waits in the outbox until the instant in the entry's details. */
    NOTIFICATION_DEFERRED,
    /**
     * A notification was not sent because its task changed since it was queued: completed,
     * cancelled, reassigned away from the recipient or moved to another stage; {@code reason} says which.
     */
    NOTIFICATION_WITHDRAWN,
    /**
     * An operator asked for a given-up notification to be delivered again, with the same idempotency
     * key; {@code operator} and {@code request} in the details say who and which request.
     */
    NOTIFICATION_REDELIVERY_REQUESTED,
    /**
     * An operator paused a policy: none of its steps fires until it is resumed. The entry's task id is
     * {@code policy:<name>}; {@code operator} and {@code policy} in the details say who and which.
     */
    POLICY_PAUSED,
    /** An operator resumed a paused policy; its tasks catch up like after a late run. Recorded like {@link #POLICY_PAUSED}. */
    POLICY_RESUMED,
    /** The host opened a task. */
    TASK_OPENED,
    /** The host completed a task; escalation stops. */
    TASK_COMPLETED,
    /** The host cancelled a task; escalation stops. */
    TASK_CANCELLED,
    /** The host reassigned a task; escalation restarts in a new cycle. */
    TASK_REASSIGNED,
    /** The host moved a task to another stage; escalation restarts in a new cycle. */
    STAGE_CHANGED,
    /** The host changed a task's priority; its deadline may move. */
    PRIORITY_CHANGED,
    /** The SLA clock was paused. */
    TASK_HELD,
    /** The SLA clock was resumed. */
    TASK_RESUMED,
    /** The deadline moved because the policy, priority or holds changed. */
    DEADLINE_CHANGED,
    /**
     * Someone (the entry's actor) acknowledged a task: its steps wait for the policy's
     * {@code acknowledge_timeout}, the SLA clock runs on (issue #20).
     */
    TASK_ACKNOWLEDGED,
    /**
     * Someone (the entry's actor) snoozed a task's reminders until {@code until} in the details; warnings,
     * escalations and the deadline keep their instants.
     */
    TASK_SNOOZED,
    /**
     * A task's acknowledgement timed out without anyone acting on it; the engine resumes escalation at the
     * next level. {@code acknowledgedBy} and {@code acknowledgedAt} in the details say whose and since when.
     */
    ACKNOWLEDGEMENT_EXPIRED
}
