package dev.escalation.micrometer;

import dev.escalation.core.spi.ClaimRequest;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Forwards every call to a real repository; tests override one method to inject trouble. */
class ForwardingRepository implements WorkflowRepository {

    private final WorkflowRepository delegate;

    ForwardingRepository(WorkflowRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<WorkflowTask> claimDue(ClaimRequest request) {
        return delegate.claimDue(request);
    }

    @Override
    public List<String> record(List<StepTransition> transitions) {
        return delegate.record(transitions);
    }

    @Override
    public List<PendingNotification> claimNotifications(ClaimRequest request) {
        return delegate.claimNotifications(request);
    }

    @Override
    public void recordDeliveries(List<DeliveryOutcome> outcomes) {
        delegate.recordDeliveries(outcomes);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return delegate.nextDueAt();
    }

    @Override
    public Optional<SlaCounts> slaCounts(Instant now) {
        return delegate.slaCounts(now);
    }

    @Override
    public boolean storesStepAudit() {
        return delegate.storesStepAudit();
    }
}
