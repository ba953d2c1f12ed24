package dev.escalation.core.sla;

/** Where a task stands against its SLA. */
public enum SlaStatus {
    /** Before the warning point. */
    OK,
    /** Past the warning point, before the deadline: near breach. */
    WARNING,
    /** At or past the deadline. */
    BREACHED
}
