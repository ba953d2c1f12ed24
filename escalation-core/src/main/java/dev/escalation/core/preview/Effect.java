package dev.escalation.core.preview;

/** What a policy change does to one open task, as a {@link StageImpact} counts it. */
public enum Effect {
    /** Its deadline moves earlier. */
    EARLIER,
    /** Its deadline moves later. */
    LATER,
    /** Its deadline stays where it is. */
    UNCHANGED,
    /** The first run after the change records its breach: its new deadline has passed and no breach was recorded. */
    BREACHED_AT_ONCE,
    /** The first run after the change notifies about it (a warning, reminder, escalation or re-escalation). */
    NOTIFIED,
    /** The first run after the change escalates or re-escalates it. */
    ESCALATED
}
