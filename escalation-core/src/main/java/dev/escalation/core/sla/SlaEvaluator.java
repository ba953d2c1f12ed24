package dev.escalation.core.sla;

import dev.escalation.core.internal.StepPlanner;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;

/**
 * Measures a task against a policy at an instant: a pure function, no side effects, no clock of
 * its own. Useful in hosts' own views ("due in 3 h") and tests.
 *
 * <pre>{@code
 * SlaAssessment a = SlaEvaluator.assess(policy, task, Instant.parse("2026-01-06T08:00:00Z"));
 * assertThat(a.status()).isEqualTo(SlaStatus.WARNING);
 * }</pre>
 */
public final class SlaEvaluator {

    private static final StepPlanner PLANNER = new StepPlanner();

    private SlaEvaluator() {}

    /**
     * Measures {@code task} against {@code policy} at {@code now}.
     *
     * @param policy the task's policy
     * @param task   the task
     * @param now    the instant to measure at
     * @return the task's SLA status, deadline and next change at that instant
     */
    public static SlaAssessment assess(SlaPolicy policy, WorkflowTask task, Instant now) {
        return PLANNER.assess(policy, task, now);
    }
}
