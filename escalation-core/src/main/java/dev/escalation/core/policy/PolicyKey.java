package dev.escalation.core.policy;

import dev.escalation.core.task.WorkflowTask;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks a registered policy applies to. Empty parts match any task; a task gets the
 * policy of the most specific matching key (see {@link PolicyRegistry}).
 *
 * @param workflowType the workflow type it applies to; empty for any
 * @param stage        the stage it applies to; empty for any
 * @param priority     the priority it applies to; empty for any
 * @param tenant       the tenant it applies to; empty for any
 */
public record PolicyKey(
        Optional<String> workflowType, Optional<String> stage, Optional<String> priority, Optional<String> tenant) {

    /**
     * Validates the key; an empty part matches any value.
     *
     * @param workflowType the workflow type it applies to; empty for any
     * @param stage        the stage it applies to; empty for any
     * @param priority     the priority it applies to; empty for any
     * @param tenant       the tenant it applies to; empty for any
     * @throws NullPointerException when a part is null
     */
    public PolicyKey {
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(tenant, "tenant");
    }

    /**
     * Every task in this stage, whatever its workflow type.
     *
     * @param stage the stage
     * @return the key
     */
    public static PolicyKey stage(String stage) {
        return new PolicyKey(Optional.empty(), Optional.of(stage), Optional.empty(), Optional.empty());
    }

    /**
     * Every task of this workflow type in this stage.
     *
     * @param workflowType the workflow type
     * @param stage        the stage
     * @return the key
     */
    public static PolicyKey stage(String workflowType, String stage) {
        return new PolicyKey(Optional.of(workflowType), Optional.of(stage), Optional.empty(), Optional.empty());
    }

    /**
     * This key narrowed to one priority.
     *
     * @param value the priority
     * @return a copy of this key with that priority
     */
    public PolicyKey withPriority(String value) {
        return new PolicyKey(workflowType, stage, Optional.of(value), tenant);
    }

    /**
     * This key narrowed to one tenant.
     *
     * @param value the tenant
     * @return a copy of this key with that tenant
     */
    public PolicyKey withTenant(String value) {
        return new PolicyKey(workflowType, stage, priority, Optional.of(value));
    }

    /**
     * The key of {@code shape} (a {@link #specificity()}: which parts are set) that {@code task} matches,
     * if there is one: the task's own values in the set parts. Empty when the shape names a tenant and
     * the task has none.
     */
    static Optional<PolicyKey> ofShape(int shape, WorkflowTask task) {
        if ((shape & 8) != 0 && task.tenant().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PolicyKey(
                (shape & 2) != 0 ? Optional.of(task.workflowType()) : Optional.empty(),
                (shape & 4) != 0 ? Optional.of(task.stage()) : Optional.empty(),
                (shape & 1) != 0 ? Optional.of(task.priority()) : Optional.empty(),
                (shape & 8) != 0 ? task.tenant() : Optional.empty()));
    }

    /** Tenant outweighs stage, stage outweighs workflow type, which outweighs priority. */
    int specificity() {
        return (tenant.isPresent() ? 8 : 0)
                + (stage.isPresent() ? 4 : 0)
                + (workflowType.isPresent() ? 2 : 0)
                + (priority.isPresent() ? 1 : 0);
    }
}
