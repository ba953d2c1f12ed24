package dev.escalation.core.policy;

import dev.escalation.core.task.WorkflowTask;
import java.util.List;
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

    /**
     * Every policy this resolver may return, each version it keeps tasks on included (a pinned
     * policy's older versions). An engine compares their versions with those recorded on open tasks
     * when it starts or is handed new policies, and re-plans the tasks recorded under a version not
     * listed here (see docs/changing-policies.md). The default lists none: the resolver cannot
     * enumerate its policies, and the engine then re-plans each task at its next check only.
     *
     * @return the policies, in no particular order
     */
    default List<SlaPolicy> policies() {
        return List.of();
    }
}
