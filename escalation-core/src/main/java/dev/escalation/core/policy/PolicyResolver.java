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

    Optional<SlaPolicy> policyFor(WorkflowTask task);
}
