/**
 * What an operator asks of a running system: open tasks by where they stand against their SLA,
 * the audit trail by task, type, tenant and time, the outbox by delivery state (all paged by a
 * continuation cursor, {@link dev.escalation.core.operations.Page}), and a task's timeline
 * ({@link dev.escalation.core.operations.TaskTimeline}: why did it, and when will it, escalate).
 *
 * <p>{@link dev.escalation.core.operations.OperatorQueries} is an interface of its own, apart from
 * the {@link dev.escalation.core.spi.WorkflowRepository} that the engine needs: a store offers it
 * when it can answer these questions without reading everything (the in-memory repository and
 * {@code escalation-jdbc} do); an adapter over a host's own table may leave it out.
 */
package dev.escalation.core.operations;
