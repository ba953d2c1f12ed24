package dev.escalation.core.notification;

/** Why a notification is sent. */
public enum NotificationType {
    /** To the assignee: the deadline is near. */
    WARNING,
    /** To the assignee: still waiting for you. */
    REMINDER,
    /** To the new assignee: this task was escalated to you. */
    ESCALATION,
    /** To the previous assignee: this task was escalated away from you. */
    ESCALATION_NOTICE,
    /** To the assignee at the last level: still nobody has acted. */
    RE_ESCALATION
}
