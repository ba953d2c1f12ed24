package dev.escalation.core.sla;

import dev.escalation.core.task.EscalationState;
import java.util.List;
import java.util.Optional;

/**
 * What one evaluation decided for one task: the steps that fall due now, which of them is
 * notified (the most advanced one) and which are only audited as skipped, and the state the task
 * should be in afterwards. {@link SlaEvaluator#plan} makes one; the engine records it.
 *
 * @param assessment the task against its SLA at the evaluation instant
 * @param notified   the step to notify for, if any step is due
 * @param skipped    the other due steps, superseded by {@code notified}: at most one range per kind,
 *                   however many steps a late run missed
 * @param newLevel   the escalation level the task reaches, when it changes
 * @param breachedNow whether this evaluation is the first to find the task past its deadline
 * @param state      the task's escalation state after these steps
 */
public record StepPlan(
        SlaAssessment assessment,
        Optional<StepKey> notified,
        List<SkippedSteps> skipped,
        Optional<Integer> newLevel,
        boolean breachedNow,
        EscalationState state) {

    /**
     * Copies the ranges.
     *
     * @param assessment the task against its SLA at the evaluation instant
     * @param notified   the step to notify for, if any step is due
     * @param skipped    the other due steps, at most one range per kind
     * @param newLevel   the escalation level the task reaches, when it changes
     * @param breachedNow whether this evaluation is the first to find the task past its deadline
     * @param state      the task's escalation state after these steps
     */
    public StepPlan {
        skipped = List.copyOf(skipped);
    }

    /**
     * How many steps this evaluation skips, over all ranges.
     *
     * @return the sum of the ranges' counts
     */
    public long skippedCount() {
        long count = 0;
        for (SkippedSteps range : skipped) {
            count += range.count();
        }
        return count;
    }

    /**
     * Whether any step falls due: then {@link #notified()} names the one to notify for.
     *
     * @return whether a step falls due
     */
    public boolean hasSteps() {
        return notified.isPresent();
    }
}
