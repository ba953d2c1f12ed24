package dev.escalation.core;

import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.sla.StepKey;
import dev.escalation.core.sla.StepKind;
import dev.escalation.core.task.WorkflowTask;
import java.util.List;
import java.util.Optional;

/**
 * The notification of a notified warning step: step {@code WARNING/n} is the n-th of the policy's
 * thresholds in the order they fall due for the task's SLA, and sends that threshold's type to its
 * recipient. The single warning of a policy without thresholds sends a {@code WARNING} to the
 * assignee under the recipient role {@code assignee}, so its idempotency key is the one it always had.
 *
 * @param type      the notification's type
 * @param recipient the target to resolve, or empty for the task's assignee
 */
record ThresholdStep(NotificationType type, Optional<EscalationTarget> recipient) {

    private static final ThresholdStep TO_ASSIGNEE = new ThresholdStep(NotificationType.WARNING, Optional.empty());

    /** The threshold of {@code notified} when it is a warning step; the plain warning otherwise. */
    static ThresholdStep of(SlaPolicy policy, WorkflowTask task, Optional<StepKey> notified) {
        if (notified.isEmpty() || notified.get().kind() != StepKind.WARNING) {
            return TO_ASSIGNEE;
        }
        List<WarningThreshold> thresholds = policy.warningThresholds(policy.slaFor(task));
        int ordinal = notified.get().ordinal();
        // Beyond the list only when a policy change left fewer thresholds than the task had: nothing is notified
        // then (the planner applies no ordinal it cannot reach), but a plain warning is the safe answer.
        if (ordinal > thresholds.size()) {
            return TO_ASSIGNEE;
        }
        WarningThreshold threshold = thresholds.get(ordinal - 1);
        return new ThresholdStep(threshold.type(), threshold.recipient());
    }

    /** The role in the notification's idempotency key: {@code assignee}, as before thresholds, or {@code threshold-recipient}. */
    String recipientRole() {
        return recipient.isPresent() ? "threshold-recipient" : "assignee";
    }
}
