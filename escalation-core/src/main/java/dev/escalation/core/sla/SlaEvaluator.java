package dev.escalation.core.sla;

import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;

/**
 * Measures a task against a policy at an instant, and plans its due steps: pure functions, no side
 * effects, no clock of their own. The engine runs on them; hosts use them in their own views ("due
 * in 3 h") and tests.
 *
 * <pre>{@code
 * SlaAssessment a = SlaEvaluator.assess(policy, task, Instant.parse("2026-01-06T08:00:00Z"));
 * assertThat(a.status()).isEqualTo(SlaStatus.WARNING);
 *
 * StepPlan plan = SlaEvaluator.plan(policy, task, Instant.parse("2026-01-06T09:00:00Z"));
 * assertThat(plan.notified()).map(StepKey::kind).contains(StepKind.ESCALATION);
 * }</pre>
 */
public final class SlaEvaluator {

    private static final StepPlanner PLANNER = new StepPlanner();

    private SlaEvaluator() {}

    /**
     * Where {@code task} stands against {@code policy} at {@code now}.
     *
     * @param policy the policy that governs the task
     * @param task the task
     * @param now the instant to measure at
     * @return the assessment
     */
    public static SlaAssessment assess(SlaPolicy policy, WorkflowTask task, Instant now) {
        return PLANNER.assess(policy, task, now);
    }

    /**
     * The steps that fall due for {@code task} under {@code policy} at {@code now}, and the state it is
     * in afterwards: what a run at {@code now} would record. Of several due steps (a late run) only
     * the most advanced is notified; the others are skipped.
     *
     * @param policy the policy that governs the task
     * @param task the task, with the state its last recorded step left
     * @param now the instant of the run
     * @return the due steps and the state afterwards
     */
    public static StepPlan plan(SlaPolicy policy, WorkflowTask task, Instant now) {
        return PLANNER.plan(policy, task, now);
    }
}
