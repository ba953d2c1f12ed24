package dev.escalation.core.spi;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the engine reads due tasks and records their steps, their notifications and the audit
 * trail: the one SPI a host implements (or takes from {@code escalation-jdbc} or
 * {@link dev.escalation.core.memory.InMemoryWorkflowRepository}).
 *
 * <p>Every call of a run carries that run's {@link RunScope}: its instant, its lease and its
 * tenants. The contract, checked by the {@code WorkflowRepositoryContract} tests of
 * {@code escalation-testkit}:
 * <ul>
 *   <li><b>One clock.</b> {@link #clock()} times the host's own changes (open, complete, ...), and
 *       the engine reads its time from it too; for the engine's calls, the repository takes its
 *       time from the scope and reads no clock.
 *   <li><b>Claims.</b> {@link #claimDue} returns active, not-on-hold tasks of the scope's tenants
 *       whose {@code nextCheckAt <= scope.now()}, oldest first, hides them from other claims until
 *       {@code scope.leaseUntil()} or until recorded, and never returns a task another run holds
 *       under an unexpired lease.
 *   <li><b>Compare-and-swap.</b> {@link #record} applies each transition only if the task is still
 *       at the expected version and open (not on hold, not finished), bumps the version, releases
 *       the claim, stores the transition's notifications in an outbox (each due at
 *       {@code scope.leaseUntil()}, when this run has not reported on it by then) and its audit
 *       entries, ideally all in one transaction.
 *   <li><b>The repository owns the audit trail.</b> It stores the entries of every recorded
 *       transition, every entry the engine hands to {@link #appendAudit} (notifications given up),
 *       and an entry for every change the host makes through its task store. Hosts that want a copy
 *       elsewhere mirror it from the repository, not from the engine.
 *   <li><b>The outbox</b> hands each due notification to one run at a time
 *       ({@link #claimNotifications}) and records outcomes ({@link #recordDeliveries}).
 *   <li><b>Withdrawal.</b> {@link #currentTasks} reads the tasks of claimed notifications as they
 *       are stored now, so the engine can withdraw a notice that what happened since made untrue
 *       (a completed task, a reassignment); it must read committed state, never a cached copy.
 *   <li><b>Waking up.</b> {@link #nextDueAt} says when work that <em>this</em> run's scope could
 *       claim falls due: tasks of other tenants do not count, and a task under another run's lease
 *       counts at the lease's end. The engine asks it first in every run and claims nothing when the
 *       answer lies ahead of the run's instant, so it must never be later than the truth (earlier only
 *       costs a claim that finds nothing).
 *   <li><b>Policy versions.</b> {@link #record} stores the state's
 *       {@link dev.escalation.core.task.EscalationState#policy() policy version} with the task;
 *       {@link #recordedPolicyVersions} lists the versions recorded on open tasks and
 *       {@link #claimPlannedUnder} claims the open tasks of one version, as {@link #claimDue} claims,
 *       so that an engine handed a changed policy re-plans exactly the affected tasks, each once
 *       (see docs/changing-policies.md). Both have defaults that find nothing: a repository that
 *       keeps them re-plans each task at its next check instead.
 * </ul>
 * Any exception thrown here aborts the run: the engine reports a run failure and the host's
 * scheduler tries again. Lost races are not exceptions.
 */
public interface WorkflowRepository {

    /**
     * The clock that times the host's changes; the engine built on this repository reads it too.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * Claims up to {@code limit} due tasks of the scope, oldest {@code nextCheckAt} first.
     *
     * @param scope the run that claims: its instant, lease and tenants
     * @param limit at most this many
     * @return the claimed tasks, as stored
     */
    List<WorkflowTask> claimDue(RunScope scope, int limit);

    /**
     * Applies the transitions that still match their task's version, with their audit entries and
     * notifications; returns the ids of the tasks whose transition was applied. The rest lost a
     * race and change nothing.
     *
     * @param scope the run that records: its instant and lease
     * @param transitions the batch, each planned on the version it expects
     * @return the ids of the tasks whose transition was applied
     */
    List<String> record(RunScope scope, List<StepTransition> transitions);

    /**
     * Claims up to {@code limit} due tasks as {@link #claimDue} does, hands them to {@code planner}
     * and records the transitions it returns as {@link #record} does: the engine's path for due
     * tasks. The default does exactly that, call by call. A store may instead do it all in one
     * transaction that holds the claimed tasks by row locks rather than a lease (escalation-jdbc does
     * on PostgreSQL: one write per task instead of two); the planner then runs inside that
     * transaction, so it must only compute (the engine's planner does), and a run that dies before
     * the commit leaves nothing behind and nothing claimed. The one call the engine's planner makes
     * back into the repository is {@link #pausedPolicies}, once per run, for the run's first claimed
     * batch: a store that plans inside its transaction answers it there (escalation-jdbc joins the
     * transaction), and must not wait on a lock its own claim holds.
     *
     * @param scope the run that claims and records: its instant, lease and tenants
     * @param limit at most this many tasks
     * @param planner the engine's plan of the claimed tasks, oldest {@code nextCheckAt} first: the transitions to
     *     record (called once, and only when a task was claimed)
     * @return how many tasks were claimed and the ids of the tasks whose transition was applied
     */
    default RecordedBatch claimAndRecord(
            RunScope scope, int limit, Function<List<WorkflowTask>, List<StepTransition>> planner) {
        List<WorkflowTask> claimed = claimDue(scope, limit);
        if (claimed.isEmpty()) {
            return new RecordedBatch(0, List.of());
        }
        return new RecordedBatch(claimed.size(), record(scope, planner.apply(claimed)));
    }

    /**
     * Stores audit entries that belong to no transition: notifications given up. An entry offered
     * again (same id) is stored once.
     *
     * @param scope the run that hands them over
     * @param entries the entries, in order
     */
    void appendAudit(RunScope scope, List<AuditEntry> entries);

    /**
     * Claims up to {@code limit} outbox notifications of the scope due at {@code scope.now()}.
     *
     * @param scope the run that claims: its instant, lease and tenants
     * @param limit at most this many
     * @return the claimed notifications with their attempts so far
     */
    List<PendingNotification> claimNotifications(RunScope scope, int limit);

    /**
     * Reads the tasks with the given ids as they are stored now, whatever their status; the engine
     * calls it right before delivering notifications, to withdraw those that the task's changes since
     * made untrue. It must read committed state (no cache): a task completed before this call must
     * show as completed. Ids that are not stored (or whose row cannot be read) are absent from the
     * answer.
     *
     * @param scope the run that asks
     * @param taskIds the tasks of the notifications about to be delivered
     * @return the stored tasks by id
     */
    Map<String, WorkflowTask> currentTasks(RunScope scope, Set<String> taskIds);

    /**
     * Records delivery outcomes in the outbox.
     *
     * @param scope the run that attempted them
     * @param outcomes one outcome per attempted notification
     */
    void recordDeliveries(RunScope scope, List<DeliveryOutcome> outcomes);

    /**
     * The earliest instant at which a task check or a notification attempt that this scope could
     * claim falls due: other tenants' work is left out, and work under another run's unexpired lease
     * counts at the lease's end. Empty when nothing is scheduled.
     *
     * @param scope the run that asks: its instant and tenants
     * @return when the next run should happen, if any work is scheduled
     */
    Optional<Instant> nextDueAt(RunScope scope);

    /**
     * Counts the scope's active tasks by SLA status at {@code scope.now()}, if this repository can do
     * so cheaply; empty otherwise.
     *
     * @param scope the run that asks: its instant and tenants
     * @return the counts, or empty
     */
    default Optional<SlaCounts> slaCounts(RunScope scope) {
        return Optional.empty();
    }

    /**
     * The distinct policy versions recorded on the scope's open tasks (status {@code OPEN}: not on
     * hold, not finished); tasks without one (never planned, or stored before schema V2) are left
     * out. The engine compares them with its policies when it starts or is handed new ones. The
     * default finds none, and the engine then re-plans no task ahead of its next check.
     *
     * @param scope the run that asks: its instant and tenants
     * @return the recorded versions
     */
    default Set<PolicyVersion> recordedPolicyVersions(RunScope scope) {
        return Set.of();
    }

    /**
     * Claims up to {@code limit} of the scope's open tasks (status {@code OPEN}) recorded under
     * exactly {@code version}, whether due or not, with the lease and the guarantees of
     * {@link #claimDue}: hidden from other claims until recorded or until {@code scope.leaseUntil()},
     * never one that another run holds under an unexpired lease. A task recorded since under another
     * version is not returned again, which is what makes a re-plan happen once per task. It should
     * cost in proportion to the tasks it returns (an index on the recorded version). The default
     * finds none.
     *
     * @param scope the run that claims: its instant, lease and tenants
     * @param version the policy id and version the tasks were planned under
     * @param limit at most this many
     * @return the claimed tasks, as stored
     */
    default List<WorkflowTask> claimPlannedUnder(RunScope scope, PolicyVersion version, int limit) {
        return List.of();
    }

    /**
     * The names of the policies an operator paused ({@link dev.escalation.core.operations.OperatorActions#pausePolicy}),
     * read once per run: the engine fires no step of them and checks their tasks again later. The
     * engine asks only when the run has tasks to plan (a run that finds nothing due does not), from
     * inside {@link #claimAndRecord}'s planner. A repository without operator actions has none paused.
     *
     * @param scope the run that asks
     * @return the paused policies' names
     */
    default Set<String> pausedPolicies(RunScope scope) {
        return Set.of();
    }

    /**
     * Reads up to {@code limit} active tasks (open or on hold) of the scope's tenants whose id sorts
     * after {@code afterId}, ascending by id, as stored now; claims nothing and changes nothing.
     * "Sorts after" is the repository's own order of ids, the same for the comparison and the
     * sorting (the in-memory repository uses {@link String#compareTo}, a database its collation). A caller pages through every active task by passing the last id of
     * one page as {@code afterId} of the next, in memory bounded by {@code limit} (a policy change
     * preview does so). Rows that cannot be read as tasks are left out without ending the page early.
     * A repository that cannot page this way keeps this default, which throws.
     *
     * @param scope the asking run: its instant and tenants
     * @param afterId the last id of the previous page; empty for the first page
     * @param limit at most this many, positive
     * @return the page, ascending by id in the repository's order; shorter than {@code limit} only at the end
     * @throws UnsupportedOperationException when this repository cannot page through its active tasks
     */
    default List<WorkflowTask> openTasks(RunScope scope, Optional<String> afterId, int limit) {
        throw new UnsupportedOperationException(getClass().getName()
                + " cannot page through its open tasks: implement openTasks(RunScope, Optional, int)");
    }
}
