package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RunScope;
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
final class InstrumentedRepository extends ForwardingWorkflowRepository {

    final AtomicInteger claimCalls = new AtomicInteger();
    final AtomicInteger tasksClaimed = new AtomicInteger();
    final AtomicInteger recordCalls = new AtomicInteger();
    final AtomicInteger transitionsRecorded = new AtomicInteger();
    private volatile Predicate<String> failing = operation -> false;

    InstrumentedRepository(WorkflowRepository delegate) {
        super(delegate);
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
    public List<WorkflowTask> claimDue(RunScope scope, int limit) {
        check("claimDue");
        claimCalls.incrementAndGet();
        List<WorkflowTask> claimed = super.claimDue(scope, limit);
        tasksClaimed.addAndGet(claimed.size());
        return claimed;
    }

    @Override
    public List<String> record(RunScope scope, List<StepTransition> transitions) {
        check("record");
        recordCalls.incrementAndGet();
        transitionsRecorded.addAndGet(transitions.size());
        return super.record(scope, transitions);
    }

    @Override
    public void appendAudit(RunScope scope, List<AuditEntry> entries) {
        check("appendAudit");
        super.appendAudit(scope, entries);
    }

    @Override
    public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
        check("claimNotifications");
        return super.claimNotifications(scope, limit);
    }

    @Override
    public void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
        check("recordDeliveries");
        super.recordDeliveries(scope, outcomes);
    }

    @Override
    public Optional<Instant> nextDueAt(RunScope scope) {
        check("nextDueAt");
        return super.nextDueAt(scope);
    }

    @Override
    public Optional<SlaCounts> slaCounts(RunScope scope) {
        check("slaCounts");
        return super.slaCounts(scope);
    }

    private void check(String operation) {
        if (failing.test(operation)) {
            throw new IllegalStateException("database unavailable during " + operation + " (simulated)");
        }
    }
}
