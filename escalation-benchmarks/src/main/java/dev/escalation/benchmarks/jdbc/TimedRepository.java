package dev.escalation.benchmarks.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RecordedBatch;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adds up the wall time of each repository call, for the breakdown of where an engine run's time
 * goes. For one engine on one thread.
 */
final class TimedRepository extends ForwardingWorkflowRepository {

    private final Map<String, Long> nanos = new TreeMap<>();

    private final WorkflowRepository target;

    TimedRepository(WorkflowRepository target) {
        super(target);
        this.target = target;
    }

    private <T> T timed(String name, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos.merge(name, System.nanoTime() - start, Long::sum);
        }
    }

    /** Milliseconds spent in each repository method since the last call, by method name; then starts counting afresh. */
    Map<String, Double> takeMillis() {
        Map<String, Double> millis = new LinkedHashMap<>();
        nanos.forEach((name, total) -> millis.put(name, total / 1e6));
        nanos.clear();
        return millis;
    }

    @Override
    public List<WorkflowTask> claimDue(RunScope scope, int limit) {
        return timed("claimDue", () -> super.claimDue(scope, limit));
    }

    /**
     * Forwarded as one call, so that the store's own path (one transaction on PostgreSQL) is the one
     * measured; the planner's time inside it is counted apart as {@code plan}, the engine's work.
     */
    @Override
    public RecordedBatch claimAndRecord(
            RunScope scope, int limit, Function<List<WorkflowTask>, List<StepTransition>> planner) {
        return timed(
                "claimAndRecord",
                () -> target.claimAndRecord(scope, limit, tasks -> timed("plan", () -> planner.apply(tasks))));
    }

    @Override
    public List<String> record(RunScope scope, List<StepTransition> transitions) {
        return timed("record", () -> super.record(scope, transitions));
    }

    @Override
    public void appendAudit(RunScope scope, List<AuditEntry> entries) {
        timed("appendAudit", () -> {
            super.appendAudit(scope, entries);
            return null;
        });
    }

    @Override
    public List<PendingNotification> claimNotifications(RunScope scope, int limit) {
        return timed("claimNotifications", () -> super.claimNotifications(scope, limit));
    }

    @Override
    public Map<String, WorkflowTask> currentTasks(RunScope scope, Set<String> taskIds) {
        return timed("currentTasks", () -> super.currentTasks(scope, taskIds));
    }

    @Override
    public void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes) {
        timed("recordDeliveries", () -> {
            super.recordDeliveries(scope, outcomes);
            return null;
        });
    }

    @Override
    public Optional<Instant> nextDueAt(RunScope scope) {
        return timed("nextDueAt", () -> super.nextDueAt(scope));
    }

    @Override
    public Optional<SlaCounts> slaCounts(RunScope scope) {
        return timed("slaCounts", () -> super.slaCounts(scope));
    }
}
