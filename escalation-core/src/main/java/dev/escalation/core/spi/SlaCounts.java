package dev.escalation.core.spi;

/**
 * How many active tasks stand where against their SLA, as a repository counts them.
 *
 * @param open       active tasks (open or on hold)
 * @param onHold     of those, on hold
 * @param nearBreach open tasks past their warning point but before their deadline
 * @param breached   open tasks past their deadline
 */
public record SlaCounts(long open, long onHold, long nearBreach, long breached) {}
