package dev.escalation.core.spi;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link WorkflowRepository} that hands every call to another one: extend it and override the
 * calls a decorator cares about (timing, tracing, fault injection in tests), and the rest keeps the
 * delegate's contract.
 *
 * <pre>{@code
 * WorkflowRepository traced = new ForwardingWorkflowRepository(store.repository()) {
 *     public List<String> record(RunScope scope, List<StepTransition> transitions) {
 *         try (var span = tracer.span("escalation.record")) {
 *             return super.record(scope, transitions);
 *         }
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingWorkflowRepository implements WorkflowRepository {

    private final WorkflowRepository delegate;

    /**
     * Forwards to {@code delegate}.
     *
     * @param delegate the repository every call goes to
     * @throws IllegalArgumentException when it is null
     */
    protected ForwardingWorkflowRepository(WorkflowRepository delegate) {
        this.delegate = Require.present("delegate", delegate);
    }

    /**
     * The repository every call goes to.
     *
     * @return the delegate
     */
    protected final WorkflowRepository delegate() {
        return delegate;
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public List<WorkflowTask> claimDue(RunScope scope, int limit) {
        return delegate.claimDue(scope, limit);
    }

    @Override
    public List<String> record(RunScope scope, List<StepTransition> transitions) {
        return delegate.record(scope, transitions);
    }

    @Override
    public void appendAudit(RunScope scope, List<AuditEntry> entries) {
        delegate.appendAudit(scope, entries);
    }

    @Override
    public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
        return delegate.claimNotifications(scope, limit);
    }

    @Override
    public Map<String, WorkflowTask> currentTasks(RunScope scope, Set<String> taskIds) {
        return delegate.currentTasks(scope, taskIds);
    }

    @Override
    public void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
        delegate.recordDeliveries(scope, outcomes);
    }

    @Override
    public Optional<Instant> nextDueAt(RunScope scope) {
        return delegate.nextDueAt(scope);
    }

    @Override
    public Optional<SlaCounts> slaCounts(RunScope scope) {
        return delegate.slaCounts(scope);
    }

    @Override
    public Set<PolicyVersion> recordedPolicyVersions(RunScope scope) {
        return delegate.recordedPolicyVersions(scope);
    }

    @Override
    public List<WorkflowTask> claimPlannedUnder(RunScope scope, PolicyVersion version, int limit) {
        return delegate.claimPlannedUnder(scope, version, limit);
    }

    @Override
    public Set<String> pausedPolicies(RunScope scope) {
        return delegate.pausedPolicies(scope);
    }

    @Override
    public List<WorkflowTask> openTasks(RunScope scope, Optional<String> afterId, int limit) {
        return delegate.openTasks(scope, afterId, limit);
    }
}
