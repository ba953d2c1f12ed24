package dev.escalation.core.internal;

import dev.escalation.core.AppliedStep;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.StepKey;
import dev.escalation.core.spi.ClaimRequest;
import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.spi.PendingNotification;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One pass of the engine, start to finish:
 * <ol>
 *   <li>deliver outbox notifications that are due (retries, and those a crashed run left);
 *   <li>claim due tasks in batches; for each, find its policy, plan the due steps, and build the
 *       transition (or a deferral when the task cannot be handled now);
 *   <li>record the batch's transitions by compare-and-swap; a lost race is counted, not retried;
 *   <li>for the applied ones: audit (unless the repository did), tell listeners, deliver notifications;
 *   <li>report.
 * </ol>
 * Every decision uses the one instant read from the clock at the start. Per-task trouble is
 * isolated and reported; a repository exception ends the run with {@link EscalationRunException}.
 * Internal: may change at any time.
 */
public final class EscalationRun {

    static final String MDC_RUN = "escalation.run";
    static final String MDC_TASK = "escalation.task";
    private static final Logger LOG = LoggerFactory.getLogger(EscalationRun.class);

    private final EngineConfig config;
    private final StepPlanner planner;
    private final TransitionFactory transitions;
    private final NotificationDelivery delivery;
    private final GuardedListeners listeners;
    private final AuditWriter audit;
    private final WorkflowRepository repository;

    private final String runId = UUID.randomUUID().toString();
    private final RunTally tally = new RunTally();
    private Instant now;

    /** The parts that outlive a run, shared by all runs of one engine. */
    public record Shared(
            StepPlanner planner,
            TransitionFactory transitions,
            NotificationDelivery delivery,
            GuardedListeners listeners,
            AuditWriter audit) {

        public static Shared of(EngineConfig config, StepPlanner planner) {
            GuardedListeners listeners = new GuardedListeners(config.listeners());
            return new Shared(
                    planner,
                    new TransitionFactory(config.targets()),
                    new NotificationDelivery(config.notifier(), config.retryPolicy(), listeners),
                    listeners,
                    new AuditWriter(config.auditSink()));
        }
    }

    public EscalationRun(EngineConfig config, Shared shared) {
        this.config = config;
        this.planner = shared.planner();
        this.transitions = shared.transitions();
        this.delivery = shared.delivery();
        this.listeners = shared.listeners();
        this.audit = shared.audit();
        this.repository = config.repository();
    }

    public RunReport run() {
        now = config.clock().now();
        MDC.put(MDC_RUN, runId);
        try {
            listeners.onRunStarted(runId, now);
            deliverDueNotifications();
            checkDueTasks();
            Optional<SlaCounts> counts = config.countSla() ? repository.slaCounts(now) : Optional.empty();
            Optional<Instant> nextDue = repository.nextDueAt();
            if (!audit.write(List.of())) {
                tally.auditFailures++;
            }
            Duration took = Duration.between(now, config.clock().now());
            RunReport report = tally.report(runId, now, took.isNegative() ? Duration.ZERO : took, counts, nextDue);
            LOG.info(
                    "escalation run checked {} tasks: {} warnings, {} reminders, {} escalations, {} re-escalations, {} failures",
                    report.tasksChecked(),
                    report.warnings(),
                    report.reminders(),
                    report.escalations(),
                    report.reEscalations(),
                    report.failures().size());
            listeners.onRunFinished(report);
            return report;
        } catch (RuntimeException e) {
            LOG.error("escalation run failed: the repository threw; steps recorded so far stand", e);
            listeners.onRunFailed(runId, now, e);
            throw new EscalationRunException(runId, "escalation run " + runId + " failed: " + e.getMessage(), e);
        } finally {
            MDC.remove(MDC_TASK);
            MDC.remove(MDC_RUN);
        }
    }

    private void deliverDueNotifications() {
        while (true) {
            List<PendingNotification> due = repository.claimNotifications(claim(config.batchSize()));
            if (due.isEmpty()) {
                return;
            }
            deliver(due);
        }
    }

    private void checkDueTasks() {
        int budget = config.maxTasksPerRun();
        while (budget > 0) {
            List<WorkflowTask> batch = repository.claimDue(claim(Math.min(config.batchSize(), budget)));
            if (batch.isEmpty()) {
                return;
            }
            budget -= batch.size();
            process(batch);
        }
        tally.capped = repository.nextDueAt().map(at -> !at.isAfter(now)).orElse(false);
    }

    private void process(List<WorkflowTask> batch) {
        List<StepTransition> planned = new ArrayList<>(batch.size());
        Map<String, Applied> applied = new HashMap<>();
        for (WorkflowTask task : batch) {
            MDC.put(MDC_TASK, task.id());
            tally.tasksChecked++;
            planned.add(plan(task, applied));
        }
        MDC.remove(MDC_TASK);
        Set<String> accepted = new HashSet<>(repository.record(planned));
        tally.staleTransitions += planned.size() - accepted.size();
        List<AuditEntry> auditEntries = new ArrayList<>();
        List<PendingNotification> notifications = new ArrayList<>();
        for (StepTransition t : planned) {
            if (!accepted.contains(t.taskId())) {
                continue;
            }
            if (!repository.storesStepAudit()) {
                auditEntries.addAll(t.auditEntries());
            }
            Applied steps = applied.get(t.taskId());
            if (steps != null) {
                steps.count(tally);
                steps.steps.forEach(listeners::onStepApplied);
            }
            t.notifications().forEach(n -> notifications.add(new PendingNotification(n, 0, t.redeliverAfter())));
        }
        if (!audit.write(auditEntries)) {
            tally.auditFailures++;
        }
        deliver(notifications);
    }

    /** The transition for one task: its due steps, or a deferral saying why it cannot be handled now. */
    private StepTransition plan(WorkflowTask task, Map<String, Applied> applied) {
        Optional<SlaPolicy> policy = Optional.empty();
        try {
            policy = config.policies().policyFor(task);
            if (policy.isEmpty()) {
                return defer(
                        task,
                        TaskFailure.Kind.NO_POLICY,
                        AuditType.TASK_SKIPPED,
                        "no policy for workflow type '" + task.workflowType() + "', stage '" + task.stage()
                                + "', priority '" + task.priority() + "'");
            }
            StepPlan plan = planner.plan(policy.get(), task, now);
            StepTransition transition = transitions.steps(task, policy.get(), plan, now, runId, leaseUntil());
            applied.put(task.id(), new Applied(task, plan, transition.assignee(), now));
            return transition;
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
        }
    }

    private StepTransition defer(WorkflowTask task, TaskFailure.Kind kind, AuditType type, String reason) {
        LOG.warn("task {} skipped ({}): {}", task.id(), kind, reason);
        tally.failed(new TaskFailure(task.id(), kind, reason));
        return TransitionFactory.deferral(task, now.plus(config.retryDelay()), type, now, runId, reason, leaseUntil());
    }

    private void deliver(List<PendingNotification> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<AuditEntry> givenUp = new ArrayList<>();
        List<DeliveryOutcome> outcomes = delivery.deliver(pending, now, runId, tally, givenUp);
        repository.recordDeliveries(outcomes);
        if (!audit.write(givenUp)) {
            tally.auditFailures++;
        }
    }

    private ClaimRequest claim(int limit) {
        return new ClaimRequest(now, limit, leaseUntil(), runId, config.tenants());
    }

    private Instant leaseUntil() {
        return now.plus(config.claimLease());
    }

    /** The steps one task's transition applies, told to listeners once the transition is recorded. */
    private static final class Applied {
        final List<AppliedStep> steps = new ArrayList<>();
        final boolean breachedNow;

        Applied(WorkflowTask task, StepPlan plan, String newAssignee, Instant at) {
            breachedNow = plan.breachedNow();
            int level = plan.state().level();
            for (StepKey key : plan.skipped()) {
                steps.add(new AppliedStep(
                        key,
                        task.workflowType(),
                        task.stage(),
                        level,
                        task.assignee(),
                        task.assignee(),
                        at,
                        plan.assessment().overdue(),
                        false));
            }
            plan.notified()
                    .ifPresent(key -> steps.add(new AppliedStep(
                            key,
                            task.workflowType(),
                            task.stage(),
                            level,
                            task.assignee(),
                            newAssignee,
                            at,
                            plan.assessment().overdue(),
                            true)));
        }

        void count(RunTally tally) {
            for (AppliedStep step : steps) {
                if (step.notified()) {
                    tally.notified(step.key().kind(), step.key().ordinal());
                } else {
                    tally.stepsSkipped++;
                }
            }
            if (breachedNow) {
                tally.breaches++;
            }
        }
    }
}
