package dev.escalation.core;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A repository in front of another that counts what the engine asks of it and can be told to
 * fail, to test the engine's cost and its handling of a failing database.
 */
final class InstrumentedRepository implements WorkflowRepository {

    private final WorkflowRepository delegate;
    final AtomicInteger claimCalls = new AtomicInteger();
    final AtomicInteger tasksClaimed = new AtomicInteger();
    final AtomicInteger recordCalls = new AtomicInteger();
    final AtomicInteger transitionsRecorded = new AtomicInteger();
    private volatile Predicate<String> failing = operation -> false;

    InstrumentedRepository(WorkflowRepository delegate) {
        this.delegate = delegate;
    }

    /** Makes the named operations ({@code claimDue}, {@code record}, ...) throw from now on. */
    void failOn(Predicate<String> operation) {
        this.failing = operation;
    }

    void resetCounts() {
        claimCalls.set(0);
        tasksClaimed.set(0);
        recordCalls.set(0);
        transitionsRecorded.set(0);
    }

    @Override
    public List<WorkflowTask> claimDue(ClaimRequest request) {
        check("claimDue");
        claimCalls.incrementAndGet();
        List<WorkflowTask> claimed = delegate.claimDue(request);
        tasksClaimed.addAndGet(claimed.size());
        return claimed;
    }

    @Override
    public List<String> record(List<StepTransition> transitions) {
        check("record");
        recordCalls.incrementAndGet();
        transitionsRecorded.addAndGet(transitions.size());
        return delegate.record(transitions);
    }

    @Override
    public List<PendingNotification> claimNotifications(ClaimRequest request) {
        check("claimNotifications");
        return delegate.claimNotifications(request);
    }

    @Override
    public void recordDeliveries(List<DeliveryOutcome> outcomes) {
        check("recordDeliveries");
        delegate.recordDeliveries(outcomes);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        check("nextDueAt");
        return delegate.nextDueAt();
    }

    @Override
    public Optional<SlaCounts> slaCounts(Instant now) {
        check("slaCounts");
        return delegate.slaCounts(now);
    }

    @Override
    public boolean storesStepAudit() {
        return delegate.storesStepAudit();
    }

    private void check(String operation) {
        if (failing.test(operation)) {
            throw new IllegalStateException("database unavailable during " + operation + " (simulated)");
        }
    }
}
