package dev.escalation.core;

import dev.escalation.core.sla.StepKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A step that a run applied, as told to {@link EscalationListener#onStepApplied}.
 *
 * @param key          the step's identity
 * @param workflowType the task's workflow type
 * @param stage        the task's stage
 * @param level        the escalation level after the step
 * @param fromAssignee the assignee before the step
 * @param toAssignee   the assignee after the step (differs only for escalations)
 * @param at           when it was applied
 * @param overdue      SLA time past the deadline at that moment
 * @param notified     false when a more advanced step in the same run superseded it (skipped)
 */
public record AppliedStep(
        StepKey key,
        String workflowType,
        String stage,
        int level,
        String fromAssignee,
        String toAssignee,
        Instant at,
        Duration overdue,
        boolean notified) {

    /**
     * The task's tenant is not part of the step; listeners that need it look the task up.
     *
     * @return the user the task was escalated to, empty unless the step changed the assignee
     */
    public Optional<String> escalatedTo() {
        return fromAssignee.equals(toAssignee) ? Optional.empty() : Optional.of(toAssignee);
    }
}
