package dev.escalation.core.task;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the host hands it over when a stage starts.
 *
 * <pre>{@code
 * tasks.open(NewTask.of("PO-1042", "purchase-order", "Manager Approval", "alice", stageEnteredAt)
 *         .withPriority("P1").withAttributes(Map.of("department", "finance")));
 * }</pre>
 *
 * @param id           the host's task id
 * @param workflowType the kind of workflow
 * @param stage        the stage the task waits in
 * @param assignee     who must act
 * @param priority     the host's priority label
 * @param tenant       the tenant, if any
 * @param slaStart     when the stage was entered; must not lie in the future
 * @param attributes   free-form host data
 */
public record NewTask(
        String id,
        String workflowType,
        String stage,
        String assignee,
        String priority,
        Optional<String> tenant,
        Instant slaStart,
        Map<String, String> attributes) {

    /**
     * Validates the task and copies its attributes.
     *
     * @param id           the host's task id
     * @param workflowType the kind of workflow
     * @param stage        the stage the task waits in
     * @param assignee     who must act
     * @param priority     the host's priority label
     * @param tenant       the tenant, if any
     * @param slaStart     when the stage was entered; must not lie in the future
     * @param attributes   free-form host data
     * @throws IllegalArgumentException when a required value is null or blank, or a value is beyond the
     *     {@link InputLimits} (too long, a lone surrogate or NUL, an instant out of range); {@code slaStart}
     *     is kept to the microsecond
     */
    public NewTask {
        InputLimits.name("id", id);
        InputLimits.name("workflowType", workflowType);
        InputLimits.name("stage", stage);
        InputLimits.name("assignee", assignee);
        InputLimits.name("priority", priority);
        Objects.requireNonNull(tenant, "tenant");
        tenant.ifPresent(t -> InputLimits.name("tenant", t));
        slaStart = InputLimits.instant("slaStart", slaStart);
        attributes = Map.copyOf(InputLimits.attributes(Require.present("attributes", attributes)));
    }

    /** The task without its attribute values (only their names), as {@link WorkflowTask#toString()}. */
    @Override
    public String toString() {
        return "NewTask[id=" + id + ", workflowType=" + workflowType + ", stage=" + stage + ", assignee=" + assignee
                + ", priority="
                + priority + ", tenant=" + tenant.orElse("-") + ", slaStart=" + slaStart + ", attributes="
                + new java.util.TreeSet<>(attributes.keySet()) + "]";
    }

    /**
     * A task of the default priority, without tenant or attributes.
     *
     * @param id           the task's id, unique in the store
     * @param workflowType the workflow it belongs to, such as {@code purchase-order}
     * @param stage        the stage it is in, which selects its policy
     * @param assignee     who must act on it
     * @param slaStart     when its SLA clock starts, usually when it entered the stage
     * @return the task
     */
    public static NewTask of(String id, String workflowType, String stage, String assignee, Instant slaStart) {
        return new NewTask(
                id, workflowType, stage, assignee, WorkflowTask.DEFAULT_PRIORITY, Optional.empty(), slaStart, Map.of());
    }

    /**
     * This task with another priority.
     *
     * @param value the priority
     * @return a copy of this task with that priority
     */
    public NewTask withPriority(String value) {
        return new NewTask(id, workflowType, stage, assignee, value, tenant, slaStart, attributes);
    }

    /**
     * This task in a tenant.
     *
     * @param value the tenant
     * @return a copy of this task with that tenant
     */
    public NewTask withTenant(String value) {
        return new NewTask(id, workflowType, stage, assignee, priority, Optional.of(value), slaStart, attributes);
    }

    /**
     * This task with other attributes, for the host's {@link dev.escalation.core.spi.TargetResolver} and notifier.
     *
     * @param value the attributes, replacing any set before
     * @return a copy of this task with those attributes
     */
    public NewTask withAttributes(Map<String, String> value) {
        return new NewTask(id, workflowType, stage, assignee, priority, tenant, slaStart, value);
    }
}
