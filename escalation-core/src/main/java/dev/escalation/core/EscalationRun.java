package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.RecordedBatch;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One pass of the engine, start to finish:
 * <ol>
 *   <li>read the clock once and fix the run's {@link RunScope} (instant, id, lease, tenants);
 *       every repository call and every decision of the run uses it;
 *   <li>deliver outbox notifications that are due (retries, and those a crashed run left),
 *       withdrawing those that their task's changes since made untrue ({@link Withdrawal});
 *   <li>unless the run only delivers ({@link EscalationEngine#deliverOnce()}), claim due tasks in
 *       batches; plan each one ({@link PlannedTask}: its transition, or a
 *       deferral saying why it cannot be handled now);
 *   <li>record the batch by compare-and-swap (the repository stores the audit with it); for the
 *       accepted tasks only, count and report their steps and deliver their notifications; a lost
 *       race is counted, not retried;
 *   <li>report.
 * </ol>
 * Per-task trouble is isolated and reported; a repository exception ends the run with
 * {@link EscalationRunException}. The run collects the sensitive values of every task it reads
 * ({@code seen}), so that failures that belong to no single task (the repository's, a listener's)
 * are redacted too.
 *
 * <p>Leases: the run's claims all expire at {@code scope.leaseUntil()}, and a delivery round may take
 * up to the delivery timeout. So the run claims (tasks or notifications) and starts a delivery round
 * only while at least the delivery timeout is left of its lease, by the repository's clock; what it
 * has claimed but not attempted then is handed back due at once (a {@code DEFERRED} outcome, no
 * audit), and the rest waits for the next run. A run therefore records nothing after its lease.
 */
final class EscalationRun {

    static final String MDC_RUN = "escalation.run";
    static final String MDC_TASK = "escalation.task";
    private static final Logger LOG = LoggerFactory.getLogger(EscalationRun.class);

    /** The parts that outlive a run, shared by all runs of one engine. */
    record Parts(
            TransitionFactory transitions,
            NotificationDelivery delivery,
            GuardedListeners listeners,
            PolicyChanges policyChanges) {

        static Parts of(EngineConfig config) {
            GuardedListeners listeners = new GuardedListeners(config.listeners());
            return new Parts(
                    new TransitionFactory(config.targets()),
                    new NotificationDelivery(config),
                    listeners,
                    new PolicyChanges());
        }
    }

    private final EngineConfig config;
    private final Parts parts;
    private final WorkflowRepository repository;
    private final RunScope scope;
    private final RunTally tally = new RunTally();
    private final boolean deliveryOnly;
    private final Redaction seen = Redaction.collecting();
    private final GuardedListeners listeners;
    /**
     * The policies paused by an operator, read once per run when first needed ({@link #pausedPolicies()}):
     * a run that finds nothing due does not ask.
     */
    private Set<String> pausedPolicies;

    EscalationRun(EngineConfig config, Parts parts, boolean deliveryOnly) {
        this.config = config;
        this.parts = parts;
        this.deliveryOnly = deliveryOnly;
        this.listeners = parts.listeners().redacting(seen);
        this.repository = config.repository();
        Instant now = repository.clock().now();
        this.scope = new RunScope(UUID.randomUUID().toString(), now, now.plus(config.claimLease()), config.tenants());
    }

    RunReport run() {
        MDC.put(MDC_RUN, scope.runId());
        try {
            listeners.onRunStarted(scope.runId(), scope.now());
            // Asked first, so that an idle run asks one question instead of claiming notifications and tasks
            // that are not due: on a database those claims are round trips and a commit that find nothing
            // (#19: an idle run of at most 2 ms). Empty ("nothing scheduled") still claims, in case a
            // repository cannot tell.
            Optional<Instant> dueAtStart = repository.nextDueAt(scope);
            boolean nothingDue = dueAtStart.map(at -> at.isAfter(scope.now())).orElse(false);
            if (!nothingDue) {
                deliverDueNotifications();
            }
            boolean budgetSpent = false;
            boolean replanned = false;
            if (!deliveryOnly) {
                int budget = replanOutdated(config.maxTasksPerRun());
                replanned = budget < config.maxTasksPerRun();
                budgetSpent = nothingDue ? budget == 0 : checkDueTasks(budget);
            }
            Optional<SlaCounts> counts = config.countSla() ? repository.slaCounts(scope) : Optional.empty();
            // An idle run changed nothing that falls due: its first answer stands.
            Optional<Instant> nextDue = nothingDue && !replanned ? dueAtStart : repository.nextDueAt(scope);
            // Capped: the run stopped at its task cap while work was still due.
            tally.capped =
                    budgetSpent && nextDue.map(at -> !at.isAfter(scope.now())).orElse(false);
            Duration took = Duration.between(scope.now(), repository.clock().now());
            RunReport report =
                    tally.report(scope.runId(), scope.now(), took.isNegative() ? Duration.ZERO : took, counts, nextDue);
            log(report);
            listeners.onRunFinished(report);
            return report;
        } catch (RuntimeException e) {
            Throwable failure = seen.scrub(e);
            LOG.error("escalation run failed: the repository threw; steps recorded so far stand", failure);
            listeners.onRunFailed(scope.runId(), scope.now(), failure);
            throw new EscalationRunException(
                    scope.runId(),
                    seen.apply("escalation run " + scope.runId() + " failed: " + e.getMessage()),
                    failure);
        } finally {
            MDC.remove(MDC_TASK);
            MDC.remove(MDC_RUN);
        }
    }

    private void deliverDueNotifications() {
        List<PendingNotification> due;
        while (leaseLeavesARound() && !(due = repository.claimNotifications(scope, config.batchSize())).isEmpty()) {
            deliver(due);
        }
    }

    /** Whether a claim or a delivery attempt started now ends before the run's lease does. */
    private boolean leaseLeavesARound() {
        return !startWindow().isNegative();
    }

    /**
     * For how long from now a claim or a delivery attempt may still start and end before the run's lease
     * does; negative when none may.
     */
    private Duration startWindow() {
        return Duration.between(repository.clock().now().plus(config.deliveryTimeout()), scope.leaseUntil());
    }

    /**
     * {@link #startWindow()} in nanoseconds, for the delivery threads ({@link AttemptLanes}): zero or less
     * when none may start, at most a day (the lanes count it down in elapsed time).
     */
    private long deliveryStartWindow() {
        Duration window = startWindow();
        if (window.isNegative()) {
            return -1;
        }
        // Zero still admits an attempt, as !isAfter(leaseUntil) does; a day is beyond any lease of a run.
        Duration day = Duration.ofDays(1);
        return window.compareTo(day) >= 0 ? day.toNanos() : window.toNanos() + 1;
    }

    /**
     * When policies were handed over (or the engine starts), re-plans the open tasks recorded under a
     * policy version that the policies no longer serve, through the normal plan-and-record path: the
     * planner recomputes from the SLA start and {@link TransitionFactory} audits the version change.
     * The repository claims them by version, so the cost follows the affected tasks, and the
     * compare-and-swap records each once however many nodes do this at once. Returns the budget left;
     * the change counts as settled only when every outdated version was drained within it.
     */
    private int replanOutdated(int budget) {
        long generation = parts.policyChanges().pending();
        if (generation == 0) {
            return budget;
        }
        List<SlaPolicy> policies = config.policies().policies();
        if (policies.isEmpty()) {
            parts.policyChanges().settle(generation);
            return budget;
        }
        Map<String, Set<String>> served = new HashMap<>();
        policies.forEach(
                p -> served.computeIfAbsent(p.id(), id -> new HashSet<>()).add(p.version()));
        List<PolicyVersion> outdated = repository.recordedPolicyVersions(scope).stream()
                .filter(recorded -> served.containsKey(recorded.policyId())
                        ? !served.get(recorded.policyId()).contains(recorded.version())
                        : !recorded.isUnregistered())
                .sorted(Comparator.comparing(PolicyVersion::policyId).thenComparing(PolicyVersion::version))
                .toList();
        int left = budget;
        boolean settled = true;
        for (PolicyVersion version : outdated) {
            if (pausedPolicies().contains(version.policyId())) {
                // A paused policy's tasks stay as they are; the re-plan waits for the resumption.
                settled = false;
                continue;
            }
            List<WorkflowTask> batch;
            while (left > 0
                    && leaseLeavesARound()
                    && !(batch = repository.claimPlannedUnder(scope, version, Math.min(config.batchSize(), left)))
                            .isEmpty()) {
                left -= batch.size();
                process(batch);
            }
            if (left == 0 || !leaseLeavesARound()) {
                return left;
            }
        }
        if (settled) {
            parts.policyChanges().settle(generation);
        }
        return left;
    }

    /**
     * The paused policies, read once per run: re-planned and due tasks of a paused policy alike fire no
     * step. Read when the run first plans a task or meets an outdated policy version, not before its
     * first claim, so that an idle run does not pay for the question; on a store that plans inside its
     * claim's transaction ({@link WorkflowRepository#claimAndRecord}) the read happens there.
     */
    private Set<String> pausedPolicies() {
        if (pausedPolicies == null) {
            pausedPolicies = Set.copyOf(repository.pausedPolicies(scope));
        }
        return pausedPolicies;
    }

    /** Claims and processes due batches up to {@code budget} tasks; returns whether the budget was spent. */
    private boolean checkDueTasks(int budget) {
        if (budget == 0) {
            return true;
        }
        while (budget > 0 && leaseLeavesARound()) {
            List<PlannedTask> planned = new ArrayList<>();
            // The store may claim, plan and record in one transaction; the planner only computes.
            RecordedBatch recorded = repository.claimAndRecord(scope, Math.min(config.batchSize(), budget), batch -> {
                planned.clear();
                planned.addAll(planAll(batch));
                return planned.stream().map(PlannedTask::transition).toList();
            });
            if (recorded.claimed() == 0) {
                return false;
            }
            budget -= recorded.claimed();
            afterRecording(planned, Set.copyOf(recorded.applied()));
        }
        return true;
    }

    private void process(List<WorkflowTask> batch) {
        List<PlannedTask> planned = planAll(batch);
        List<StepTransition> transitions =
                planned.stream().map(PlannedTask::transition).toList();
        afterRecording(planned, Set.copyOf(repository.record(scope, transitions)));
    }

    private List<PlannedTask> planAll(List<WorkflowTask> batch) {
        // Before the tasks, outside plan()'s per-task isolation: a repository that cannot answer fails the
        // run, as it did when the question came before the first claim, rather than each task's check.
        pausedPolicies();
        List<PlannedTask> planned = new ArrayList<>(batch.size());
        for (WorkflowTask task : batch) {
            MDC.put(MDC_TASK, task.id());
            tally.tasksChecked++;
            planned.add(plan(task));
        }
        MDC.remove(MDC_TASK);
        return planned;
    }

    /** Counts the recorded steps, tells the listeners, and delivers their notifications. */
    private void afterRecording(List<PlannedTask> planned, Set<String> accepted) {
        tally.staleTransitions += planned.size() - accepted.size();
        List<PendingNotification> notifications = new ArrayList<>();
        for (PlannedTask task : planned) {
            if (accepted.contains(task.taskId())) {
                tally.recorded(task);
                task.steps().forEach(listeners::onStepApplied);
                task.transition()
                        .notifications()
                        .forEach(n -> notifications.add(new PendingNotification(n, 0, scope.leaseUntil())));
            }
        }
        deliver(notifications);
    }

    /** The plan for one task: its due steps, or a deferral saying why it cannot be handled now. */
    private PlannedTask plan(WorkflowTask task) {
        Optional<SlaPolicy> policy = Optional.empty();
        try {
            policy = config.policies().policyFor(task);
            Optional<PolicyVersion> recorded = task.escalation().policy();
            if (policy.isEmpty() && recorded.isPresent()) {
                return unregistered(task, recorded.get());
            }
            if (policy.isEmpty()) {
                return defer(
                        task,
                        TaskFailure.Kind.NO_POLICY,
                        AuditType.TASK_SKIPPED,
                        "no policy for workflow type '" + task.workflowType() + "', stage '" + task.stage()
                                + "', priority '" + task.priority() + "'");
            }
            if (pausedPolicies().contains(policy.get().name())) {
                // The kill switch: no step fires; the SLA clock runs on, and the first check after the
                // resumption catches up like a late run. Checked again after retryDelay.
                LOG.debug(
                        "task {} not checked: its policy '{}' is paused",
                        task.id(),
                        policy.get().name());
                return TransitionFactory.paused(task, scope.now().plus(config.retryDelay()));
            }
            if (!policy.get().goals().isEmpty()) {
                return GoalTransitions.steps(parts.transitions(), task, policy.get(), scope);
            }
            return parts.transitions()
                    .steps(task, policy.get(), SlaEvaluator.plan(policy.get(), task, scope.now()), scope);
        } catch (TransitionFactory.UnresolvedTarget e) {
            return defer(
                    task,
                    TaskFailure.Kind.TARGET_UNRESOLVED,
                    AuditType.TARGET_UNRESOLVED,
                    Redaction.of(policy, task).apply(e.getMessage()));
        } catch (RuntimeException e) {
            // Host code (a policy resolver, a target resolver) may quote the task's data in its exception.
            Redaction redaction = Redaction.of(policy, task);
            String reason = redaction.apply(e.getClass().getSimpleName() + ": " + e.getMessage());
            if (redaction.reveals(e)) {
                LOG.error(
                        "evaluating task {} failed; it is checked again at the next run after {}: {} (stack trace withheld:"
                                + " it quotes a sensitive attribute)",
                        task.id(),
                        config.retryDelay(),
                        reason);
            } else {
                LOG.error(
                        "evaluating task {} failed; it is checked again at the next run after {}",
                        task.id(),
                        config.retryDelay(),
                        e);
            }
            return defer(task, TaskFailure.Kind.EVALUATION_FAILED, AuditType.TASK_FAILED, reason);
        } finally {
            // Unknown policy (its resolver failed): every attribute counts as sensitive.
            seen.absorb(Redaction.of(policy, task));
        }
    }

    /**
     * A task planned under a policy that is no longer served: reported in every run that meets it,
     * audited once (the first time, when its recorded version is marked unregistered), and checked
     * again after the retry delay, so that a policy registered for it later takes it over.
     */
    private PlannedTask unregistered(WorkflowTask task, PolicyVersion recorded) {
        String reason = recorded + " is no longer registered and no other policy governs workflow type '"
                + task.workflowType() + "', stage '" + task.stage() + "', priority '" + task.priority()
                + "'; the task keeps its steps and is checked again until a policy governs it";
        if (recorded.isUnregistered()) {
            tally.failed(new TaskFailure(task.id(), TaskFailure.Kind.NO_POLICY, reason));
            return TransitionFactory.deferral(
                    task, scope, scope.now().plus(config.retryDelay()), recorded, Optional.empty());
        }
        LOG.warn("task {} skipped ({}): {}", task.id(), TaskFailure.Kind.NO_POLICY, reason);
        tally.failed(new TaskFailure(task.id(), TaskFailure.Kind.NO_POLICY, reason));
        return TransitionFactory.deferral(
                task, scope, scope.now().plus(config.retryDelay()), recorded.unregistered(), Optional.of(reason));
    }

    private PlannedTask defer(WorkflowTask task, TaskFailure.Kind kind, AuditType type, String reason) {
        LOG.warn("task {} skipped ({}): {}", task.id(), kind, reason);
        tally.failed(new TaskFailure(task.id(), kind, reason));
        return TransitionFactory.deferral(task, scope, scope.now().plus(config.retryDelay()), type, reason);
    }

    /**
     * Reads the tasks of {@code pending} as stored now, then delivers what is still true of them and
     * withdraws the rest, at most the delivery parallelism at once, each attempt started only while
     * its timeout fits in the lease; records the outcomes at once, with what it could not attempt
     * handed back: due again at once, attempts unchanged, not audited. Reading after the
     * claim means a task completed before the claim is always seen as completed; one completed while
     * the notifier is already sending cannot be.
     */
    private void deliver(List<PendingNotification> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Set<String> taskIds =
                pending.stream().map(p -> p.notification().taskId()).collect(Collectors.toSet());
        Map<String, WorkflowTask> current = repository.currentTasks(scope, taskIds);
        Map<String, Redaction> redactions = new HashMap<>();
        List<NotificationDelivery.Claimed> claimed = new ArrayList<>(pending.size());
        for (PendingNotification p : pending) {
            Optional<WorkflowTask> task =
                    Optional.ofNullable(current.get(p.notification().taskId()));
            Redaction redaction = task.map(t -> redactions.computeIfAbsent(t.id(), id -> redactionOf(t)))
                    .orElse(seen);
            claimed.add(new NotificationDelivery.Claimed(p, task, redaction));
        }
        NotificationDelivery.Delivered delivered =
                parts.delivery().deliver(claimed, scope, tally, listeners, this::deliveryStartWindow);
        List<AuditEntry> audit = delivered.audit();
        List<DeliveryOutcome> outcomes = delivered.outcomes();
        // The audit first: a run that dies between the two leaves the notifications claimed, and the
        // next run repeats the same entries (same ids, stored once) - never an outcome without its entry.
        if (!audit.isEmpty()) {
            repository.appendAudit(scope, audit);
        }
        repository.recordDeliveries(scope, outcomes);
    }

    /** The redaction of a notification's task; added to the run's. */
    private Redaction redactionOf(WorkflowTask task) {
        Optional<SlaPolicy> policy;
        try {
            policy = config.policies().policyFor(task);
        } catch (RuntimeException e) {
            // The resolver's failure is reported when the task is planned; here it only means that
            // every attribute counts as sensitive.
            policy = Optional.empty();
        }
        Redaction redaction = Redaction.of(policy, task);
        seen.absorb(redaction);
        return redaction;
    }

    private static void log(RunReport report) {
        String format = "escalation run checked {} tasks: {} warnings, {} reminders, {} escalations, {} re-escalations,"
                + " {} notifications delivered, {} failures";
        Object[] figures = {
            report.tasksChecked(),
            report.warnings(),
            report.reminders(),
            report.escalations(),
            report.reEscalations(),
            report.notificationsDelivered(),
            report.failures().size()
        };
        if (report.tasksChecked() == 0
                && report.notificationsDelivered() == 0
                && report.failures().isEmpty()) {
            LOG.debug(format, figures);
        } else {
            LOG.info(format, figures);
        }
    }
}
