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

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder preset with this task's values, to derive a changed copy. */
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

    /** Whether the SLA clock is paused right now. */
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

        public Builder workflowType(String value) {
            this.workflowType = value;
            return this;
        }

        public Builder stage(String value) {
            this.stage = value;
            return this;
        }

        public Builder assignee(String value) {
            this.assignee = value;
            return this;
        }

        /** Defaults to {@value WorkflowTask#DEFAULT_PRIORITY}. */
        public Builder priority(String value) {
            this.priority = value;
            return this;
        }

        /** {@code null} for no tenant. */
        public Builder tenant(String value) {
            this.tenant = value;
            return this;
        }

        public Builder slaStart(Instant value) {
            this.slaStart = value;
            return this;
        }

        public Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        public Builder status(TaskStatus value) {
            this.status = value;
            return this;
        }

        public Builder holds(List<Hold> value) {
            this.holds = value;
            return this;
        }

        /** Defaults to a fresh cycle due for evaluation at the SLA start. */
        public Builder escalation(EscalationState value) {
            this.escalation = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

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
