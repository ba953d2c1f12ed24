package dev.escalation.benchmarks.jdbc;

import dev.escalation.core.spi.ClaimRequest;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Adds up the wall time of each repository call, for the breakdown of where an engine run's time
 * goes. For one engine on one thread.
 */
final class TimedRepository implements WorkflowRepository {

    private final WorkflowRepository target;
    private final Map<String, Long> nanos = new TreeMap<>();

    TimedRepository(WorkflowRepository target) {
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
    public List<WorkflowTask> claimDue(ClaimRequest request) {
        return timed("claimDue", () -> target.claimDue(request));
    }

    @Override
    public List<String> record(List<StepTransition> transitions) {
        return timed("record", () -> target.record(transitions));
    }

    @Override
    public List<PendingNotification> claimNotifications(ClaimRequest request) {
        return timed("claimNotifications", () -> target.claimNotifications(request));
    }

    @Override
    public void recordDeliveries(List<DeliveryOutcome> outcomes) {
        timed("recordDeliveries", () -> {
            target.recordDeliveries(outcomes);
            return null;
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return timed("nextDueAt", target::nextDueAt);
    }

    @Override
    public Optional<SlaCounts> slaCounts(Instant now) {
        return timed("slaCounts", () -> target.slaCounts(now));
    }

    @Override
    public boolean storesStepAudit() {
        return target.storesStepAudit();
    }
}
