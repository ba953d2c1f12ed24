/**
 * An adapter example: the engine's {@link dev.escalation.core.spi.WorkflowRepository} over a host's
 * existing {@code workflow_instances} table, in plain JDBC, for hosts that keep their tasks in their
 * own table rather than in {@code escalation-jdbc}'s. Start at {@link
 * dev.escalation.examples.adapter.WorkflowInstanceRepository} (the design and the contract) and
 * {@link dev.escalation.examples.adapter.WorkflowInstanceTasks} (how the host's workflow keeps the
 * tables in step); {@code docs/spi.md} explains what each method must guarantee.
 */
package dev.escalation.examples.adapter;
