package dev.escalation.core.policy;

import dev.escalation.core.task.WorkflowTask;
import java.util.Optional;

/**
 * Finds the policy that governs a task. The engine skips, counts and reports a task for which
 * this returns empty; it never aborts the run for it. {@link PolicyRegistry} is the usual
 * implementation; hosts may supply their own (policies in a database, per-tenant config, ...).
 */
@FunctionalInterface
public interface PolicyResolver {

    /**
     * The policy that governs {@code task}.
     *
     * @param task the task
     * @return its policy, or empty when none governs it (the engine skips and reports the task)
     */
    Optional<SlaPolicy> policyFor(WorkflowTask task);
}
