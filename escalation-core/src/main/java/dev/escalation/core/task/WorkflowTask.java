package dev.escalation.core.task;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow approval task as the engine sees it: who holds it, since when its SLA runs, and how
 * far its escalation has come. Immutable; repositories hand out snapshots and take back changes
 * through {@link dev.escalation.core.spi.WorkflowRepository#record}, guarded by {@link #version()}.
 *
 * <pre>{@code
 * WorkflowTask task = WorkflowTask.builder("PO-1042")
 *         .workflowType("purchase-order").stage("Manager Approval")
 *         .assignee("alice").slaStart(Instant.parse("2026-01-05T09:00:00Z"))
 *         .build();
 * }</pre>
 *
 * @param id           the host's task id, unique within the repository
 * @param workflowType the kind of workflow, e.g. {@code purchase-order}
 * @param stage        the stage the task waits in, e.g. {@code Manager Approval}
 * @param assignee     who must act now
 * @param priority     the host's priority label, e.g. {@code P1} or {@code normal}
 * @param tenant       the tenant the task belongs to, if the host separates tenants
 * @param slaStart     when the stage was entered: the SLA counts from here
 * @param attributes   free-form host data, available to target resolvers
 * @param status       open, on hold, or finished
 * @param holds        the intervals in which the SLA clock was paused, oldest first
 * @param escalation   the task's escalation state
 * @param version      optimistic-concurrency version, bumped by every change
 */
public record WorkflowTask(
        String id,
        String workflowType,
        String stage,
        String assignee,
        String priority,
        Optional<String> tenant,
        Instant slaStart,
        Map<String, String> attributes,
        TaskStatus status,
        List<Hold> holds,
        EscalationState escalation,
        long version) {

    /** The priority a task gets when the host names none. */
    public static final String DEFAULT_PRIORITY = "normal";

    /**
     * Validates the task and copies its collections.
     *
     * @param id           the host's task id, unique within the repository
     * @param workflowType the kind of workflow, e.g. {@code purchase-order}
     * @param stage        the stage the task waits in, e.g. {@code Manager Approval}
     * @param assignee     who must act now
     * @param priority     the host's priority label, e.g. {@code P1} or {@code normal}
     * @param tenant       the tenant the task belongs to, if the host separates tenants
     * @param slaStart     when the stage was entered: the SLA counts from here
     * @param attributes   free-form host data, available to target resolvers
     * @param status       open, on hold, or finished
     * @param holds        the intervals in which the SLA clock was paused, oldest first
     * @param escalation   the task's escalation state
     * @param version      optimistic-concurrency version, bumped by every change
     * @throws IllegalArgumentException when a required value is missing or blank, or the status disagrees with the holds
     */
    public WorkflowTask {
        Require.text("id", id);
        Require.text("workflowType", workflowType);
        Require.text("stage", stage);
        Require.text("assignee", assignee);
        Require.text("priority", priority);
        Objects.requireNonNull(tenant, "tenant");
        Require.present("slaStart", slaStart);
        attributes = Map.copyOf(Require.present("attributes", attributes));
        Require.present("status", status);
        holds = List.copyOf(Require.present("holds", holds));
        Require.present("escalation", escalation);
        boolean onHold = !holds.isEmpty() && holds.get(holds.size() - 1).isOngoing();
        if (onHold != (status == TaskStatus.ON_HOLD)) {
            throw new IllegalArgumentException("task " + id + " has status " + status
                    + (onHold ? " but an ongoing hold" : " but no ongoing hold"));
        }
    }

    /**
     * Starts a task with this id; the repository's stores use it to read tasks back.
     *
     * @param id the task's id
     * @return a new builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A builder preset with this task's values, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(id)
                .workflowType(workflowType)
                .stage(stage)
                .assignee(assignee)
                .priority(priority)
                .tenant(tenant.orElse(null))
                .slaStart(slaStart)
                .attributes(attributes)
                .status(status)
                .holds(holds)
                .escalation(escalation)
                .version(version);
    }

    /**
     * The task without its attribute values (only their names): attributes are the host's data and
     * may be sensitive, so they stay out of logs and exception messages that print a task.
     */
    @Override
    public String toString() {
        return "WorkflowTask[id=" + id + ", workflowType=" + workflowType + ", stage=" + stage + ", assignee="
                + assignee
                + ", priority=" + priority + ", tenant=" + tenant.orElse("-") + ", slaStart=" + slaStart
                + ", attributes="
                + new java.util.TreeSet<>(attributes.keySet()) + ", status=" + status + ", holds=" + holds
                + ", escalation=" + escalation
                + ", version=" + version + "]";
    }

    /**
     * Whether the SLA clock is paused right now.
     *
     * @return whether the task is on hold
     */
    public boolean isOnHold() {
        return status == TaskStatus.ON_HOLD;
    }

    /** Builds {@link WorkflowTask}s; {@code workflowType}, {@code stage}, {@code assignee} and {@code slaStart} are required. */
    public static final class Builder {
        private final String id;
        private String workflowType;
        private String stage;
        private String assignee;
        private String priority = DEFAULT_PRIORITY;
        private String tenant;
        private Instant slaStart;
        private Map<String, String> attributes = Map.of();
        private TaskStatus status = TaskStatus.OPEN;
        private List<Hold> holds = List.of();
        private EscalationState escalation;
        private long version;

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Required.
         *
         * @param value the workflow type
         * @return this builder
         */
        public Builder workflowType(String value) {
            this.workflowType = value;
            return this;
        }

        /**
         * Required.
         *
         * @param value the stage
         * @return this builder
         */
        public Builder stage(String value) {
            this.stage = value;
            return this;
        }

        /**
         * Required.
         *
         * @param value the assignee
         * @return this builder
         */
        public Builder assignee(String value) {
            this.assignee = value;
            return this;
        }

        /**
         * Defaults to {@value WorkflowTask#DEFAULT_PRIORITY}.
         *
         * @param value the priority
         * @return this builder
         */
        public Builder priority(String value) {
            this.priority = value;
            return this;
        }

        /**
         * {@code null} for no tenant.
         *
         * @param value the tenant, or {@code null}
         * @return this builder
         */
        public Builder tenant(String value) {
            this.tenant = value;
            return this;
        }

        /**
         * Required.
         *
         * @param value when the SLA clock starts
         * @return this builder
         */
        public Builder slaStart(Instant value) {
            this.slaStart = value;
            return this;
        }

        /**
         * Defaults to none.
         *
         * @param value the attributes
         * @return this builder
         */
        public Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        /**
         * Defaults to {@link TaskStatus#OPEN}.
         *
         * @param value the status
         * @return this builder
         */
        public Builder status(TaskStatus value) {
            this.status = value;
            return this;
        }

        /**
         * Defaults to none.
         *
         * @param value the holds, oldest first
         * @return this builder
         */
        public Builder holds(List<Hold> value) {
            this.holds = value;
            return this;
        }

        /**
         * Defaults to a fresh cycle due for evaluation at the SLA start.
         *
         * @param value the escalation state
         * @return this builder
         */
        public Builder escalation(EscalationState value) {
            this.escalation = value;
            return this;
        }

        /**
         * The version that the repository's compare-and-swap checks.
         *
         * @param value the version
         * @return this builder
         */
        public Builder version(long value) {
            this.version = value;
            return this;
        }

        /**
         * Builds and validates the task.
         *
         * @return the task
         */
        public WorkflowTask build() {
            EscalationState state =
                    escalation != null ? escalation : EscalationState.initial(0, Require.present("slaStart", slaStart));
            return new WorkflowTask(
                    id,
                    workflowType,
                    stage,
                    assignee,
                    priority,
                    Optional.ofNullable(tenant),
                    slaStart,
                    attributes,
                    status,
                    holds,
                    state,
                    version);
        }
    }
}
