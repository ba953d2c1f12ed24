package dev.escalation.core.spi;

import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine reads due tasks and records their steps: the one SPI a host must implement
 * (or take from {@code escalation-jdbc} / {@link dev.escalation.core.memory.InMemoryWorkflowRepository}).
 *
 * <p>The contract, checked by the {@code WorkflowRepositoryContract} tests in core's test-jar:
 * <ul>
 *   <li>{@link #claimDue} returns active, not-on-hold tasks whose {@code nextCheckAt <= now}, hides
 *       them from other claims until {@code leaseUntil} or until recorded, and never returns a task
 *       another runner holds under an unexpired lease;
 *   <li>{@link #record} applies each transition only if the task is still at the expected version
 *       and open, not on hold or finished (compare-and-swap), bumps the version, releases the
 *       claim, and stores the transition's notifications in an outbox - ideally all of it in one
 *       transaction;
 *   <li>the outbox hands each due notification to one runner at a time ({@link #claimNotifications})
 *       and records outcomes ({@link #recordDeliveries}).
 * </ul>
 * Any exception thrown here aborts the run: the engine reports a run failure and the host's
 * scheduler tries again. Lost races are not exceptions.
 */
public interface WorkflowRepository {

    /**
     * Claims up to {@code request.limit()} due tasks, oldest {@code nextCheckAt} first.
     *
     * @param request the instant, the limit, the lease and the tenants
     * @return the claimed tasks
     */
    List<WorkflowTask> claimDue(ClaimRequest request);

    /**
     * Applies the transitions that still match their task's version; returns the ids of the tasks
     * whose transition was applied. The rest lost a race and change nothing.
     *
     * @param transitions the transitions, each naming the version it expects
     * @return the ids of the tasks whose transition was applied
     */
    List<String> record(List<StepTransition> transitions);

    /**
     * Claims up to {@code request.limit()} outbox notifications due at {@code request.now()}.
     *
     * @param request the instant, the limit, the lease and the tenants
     * @return the claimed notifications
     */
    List<PendingNotification> claimNotifications(ClaimRequest request);

    /**
     * Records delivery outcomes in the outbox.
     *
     * @param outcomes the outcomes of this run's delivery attempts
     */
    void recordDeliveries(List<DeliveryOutcome> outcomes);

    /**
     * The earliest instant at which a task check or a notification retry falls due, if any.
     *
     * @return the next due instant, or empty when nothing is scheduled
     */
    Optional<Instant> nextDueAt();

    /**
     * Counts active tasks by SLA status, if this repository can do so cheaply; empty otherwise.
     *
     * @param now the instant to count at
     * @return the counts, or empty when this repository does not count
     */
    default Optional<SlaCounts> slaCounts(Instant now) {
        return Optional.empty();
    }

    /**
     * Whether {@link #record} stores each transition's audit entries in the same transaction as the
     * change. If so, the engine does not send them to the {@link dev.escalation.core.audit.AuditSink} as well.
     *
     * @return whether step audit is stored with each transition
     */
    default boolean storesStepAudit() {
        return false;
    }
}
