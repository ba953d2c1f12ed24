package dev.escalation.core.policy;

/** A host event that meets a goal without an explicit {@link dev.escalation.core.task.TaskStore#meet}. */
public enum GoalEvent {
    /**
     * The task's first reassignment ({@link dev.escalation.core.task.TaskStore#reassign}): someone
     * looked at it and handed it on, which counts as the first response.
     */
    REASSIGNMENT,
    /**
     * The task's acknowledgement ({@link dev.escalation.core.task.TaskStore#acknowledge}): someone took
     * the task in hand, which counts as the first response. The goal is met at the acknowledgement's
     * instant, by the first run after it (before that run plans the goal's steps).
     */
    ACKNOWLEDGEMENT
}
