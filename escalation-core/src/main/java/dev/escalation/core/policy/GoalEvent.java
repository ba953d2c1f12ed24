package dev.escalation.core.policy;

/** A host event that meets a goal without an explicit {@link dev.escalation.core.task.TaskStore#meet}. */
public enum GoalEvent {
    /**
     * The task's first reassignment ({@link dev.escalation.core.task.TaskStore#reassign}): someone
     * looked at it and handed it on, which counts as the first response.
     */
    REASSIGNMENT
}
