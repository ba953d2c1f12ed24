package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SkippedSteps;
import dev.escalation.core.sla.SlaAssessment;
import dev.escalation.core.sla.StepKey;
import dev.escalation.core.sla.StepPlan;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.Attention;
import dev.escalation.core.task.InputLimits;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link StepPlan} into the {@link PlannedTask} that records and reports it: the new
 * assignee (resolving the escalation target), the audit entries, the notifications and the steps
 * to tell listeners. It reads the plan once; everything a run needs afterwards is in the result.
 */
final class TransitionFactory {

    /** The level's target could not be resolved; the task is retried later. */
    static final class UnresolvedTarget extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvedTarget(String what, EscalationTarget target, Throwable cause) {
            super(what + " target " + target + " could not be resolved" + (cause == null ? "" : ": " + cause), cause);
        }
    }

    private final TargetResolver targets;

    TransitionFactory(TargetResolver targets) {
        this.targets = targets;
    }

    PlannedTask steps(WorkflowTask task, SlaPolicy policy, StepPlan plan, RunScope scope) throws UnresolvedTarget {
        String assignee = plan.newLevel().isPresent()
                ? resolve(task, policy, plan.newLevel().get())
                : task.assignee();
        ThresholdStep threshold = ThresholdStep.of(policy, task, plan.notified());
        String thresholdRecipient = threshold.recipient().isPresent()
                ? resolve(task, threshold.recipient().get(), plan.state().level(), "warning threshold")
                : task.assignee();
        Entries entries = new Entries(task, policy, plan, scope);
        List<AuditEntry> audit = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        List<AppliedStep> steps = new ArrayList<>();
        // The end of an acknowledgement first: it is why the steps that follow fire now (issue #20).
        entries.acknowledgementExpiry().ifPresent(audit::add);
        // One entry per range of skipped steps, not one per step: a run years late writes as much as one a minute late.
        for (SkippedSteps skipped : plan.skipped()) {
            Map<String, String> details = entries.details();
            details.put("supersededBy", plan.notified().orElseThrow().toString());
            details.put("skipped", Integer.toString(skipped.count()));
            details.put("firstSkipped", skipped.first().toString());
            details.put("lastSkipped", skipped.last().toString());
            audit.add(entries.of(
                    AuditType.STEP_SKIPPED, Optional.empty(), Optional.empty(), Optional.of(skipped.last()), details));
            steps.add(applied(task, plan, skipped.last(), task.assignee(), scope, false));
        }
        entries.deadlineChange().ifPresent(audit::add);
        if (plan.breachedNow()) {
            audit.add(entries.of(
                    AuditType.SLA_BREACHED, Optional.empty(), Optional.empty(), Optional.empty(), entries.details()));
        }
        plan.notified().ifPresent(step -> {
            Notifications notify = new Notifications(task, step, plan, scope);
            switch (step.kind()) {
                case WARNING -> {
                    audit.add(entries.step(AuditType.WARNING_SENT, step, task.assignee(), task.assignee()));
                    notifications.add(notify.to(threshold.type(), thresholdRecipient, threshold.recipientRole()));
                }
                case REMINDER -> {
                    audit.add(entries.step(AuditType.REMINDER_SENT, step, task.assignee(), task.assignee()));
                    notifications.add(notify.to(NotificationType.REMINDER, task.assignee(), "assignee"));
                }
                case ESCALATION -> {
                    audit.add(entries.step(AuditType.ESCALATED, step, task.assignee(), assignee));
                    notifications.add(notify.to(NotificationType.ESCALATION, assignee, "new-assignee"));
                    if (!assignee.equals(task.assignee())) {
                        notifications.add(
                                notify.to(NotificationType.ESCALATION_NOTICE, task.assignee(), "previous-assignee"));
                    }
                }
                case RE_ESCALATION -> {
                    audit.add(entries.step(AuditType.RE_ESCALATED, step, assignee, assignee));
                    notifications.add(notify.to(NotificationType.RE_ESCALATION, assignee, "assignee"));
                }
            }
            steps.add(applied(task, plan, step, assignee, scope, true));
        });
        StepTransition transition =
                new StepTransition(task.id(), task.version(), assignee, plan.state(), audit, notifications);
        return new PlannedTask(transition, steps, plan.skippedCount(), plan.breachedNow());
    }

    /** A transition that changes nothing but the next check, carrying the audit entry that says why. */
    static PlannedTask deferral(WorkflowTask task, RunScope scope, Instant retryAt, AuditType type, String reason) {
        Map<String, String> details = new LinkedHashMap<>(Map.of("reason", reason, "retryAt", retryAt.toString()));
        return PlannedTask.deferral(new StepTransition(
                task.id(),
                task.version(),
                task.assignee(),
                task.escalation().withNextCheckAt(Optional.of(retryAt)),
                List.of(deferralEntry(task, scope, type, details)),
                List.of()));
    }

    /**
     * A deferral of a task whose recorded policy is no longer served: its recorded version becomes
     * {@code recorded} (marked unregistered), with a {@code TASK_SKIPPED} entry when there is a reason
     * to audit (the first time only).
     */
    static PlannedTask deferral(
            WorkflowTask task, RunScope scope, Instant retryAt, PolicyVersion recorded, Optional<String> reason) {
        List<AuditEntry> audit = reason.map(text -> List.of(deferralEntry(
                        task,
                        scope,
                        AuditType.TASK_SKIPPED,
                        new LinkedHashMap<>(
                                Map.of("reason", text, "retryAt", retryAt.toString(), "policy", recorded.policyId())))))
                .orElse(List.of());
        return PlannedTask.deferral(new StepTransition(
                task.id(),
                task.version(),
                task.assignee(),
                task.escalation().withNextCheckAt(Optional.of(retryAt)).withPolicy(Optional.of(recorded)),
                audit,
                List.of()));
    }

    private static AuditEntry deferralEntry(
            WorkflowTask task, RunScope scope, AuditType type, Map<String, String> details) {
        return new AuditEntry(
                AuditEntry.newId(scope.now()),
                type,
                task.id(),
                task.tenant(),
                scope.now(),
                scope.runId(),
                task.escalation().level(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                details);
    }

    /**
     * A task of a paused policy: nothing fires and nothing is audited (a pause would otherwise write
     * an entry per task per check); it is checked again at {@code recheckAt}, so a paused policy costs
     * one claim and one compare-and-swap per task and recheck interval.
     */
    static PlannedTask paused(WorkflowTask task, Instant recheckAt) {
        return PlannedTask.deferral(new StepTransition(
                task.id(),
                task.version(),
                task.assignee(),
                task.escalation().withNextCheckAt(Optional.of(recheckAt)),
                List.of(),
                List.of()));
    }

    private static AppliedStep applied(
            WorkflowTask task, StepPlan plan, StepKey key, String toAssignee, RunScope scope, boolean notified) {
        return new AppliedStep(
                key,
                task.workflowType(),
                task.stage(),
                plan.state().level(),
                task.assignee(),
                toAssignee,
                scope.now(),
                plan.assessment().overdue(),
                notified);
    }

    private String resolve(WorkflowTask task, SlaPolicy policy, int level) throws UnresolvedTarget {
        return resolve(task, policy.levels().get(level - 1).target(), level, "escalation level " + level);
    }

    private String resolve(WorkflowTask task, EscalationTarget target, int level, String what) throws UnresolvedTarget {
        try {
            Optional<String> user = targets.resolve(target, task, level);
            if (user == null || user.isEmpty() || user.get().isBlank()) {
                throw new UnresolvedTarget(what, target, null);
            }
            // The target becomes the task's assignee and a recipient in the outbox: a value no store can
            // keep (a lone surrogate, NUL, 3,000 characters) would fail the whole batch's record, so it
            // fails this task's resolution instead and the rest of the batch goes on.
            return InputLimits.name("escalation target", user.get());
        } catch (UnresolvedTarget e) {
            throw e;
        } catch (Exception e) {
            throw new UnresolvedTarget(what, target, e);
        }
    }

    /** The audit entries of one task's steps in one run: same task, policy, SLA figures, instant and actor. */
    private record Entries(WorkflowTask task, SlaPolicy policy, StepPlan plan, RunScope scope) {

        Map<String, String> details() {
            SlaAssessment sla = plan.assessment();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("policy", policy.name());
            // Which version governed the step: with several versions of one policy in force (pinned
            // open tasks), the name alone does not say.
            details.put("policyVersion", policy.version());
            details.put("status", sla.status().name());
            details.put("deadline", sla.deadline().toString());
            if (!sla.overdue().isZero()) {
                details.put("overdue", sla.overdue().toString());
            }
            return details;
        }

        Optional<AuditEntry> deadlineChange() {
            Optional<Instant> oldDeadline = task.escalation().deadline();
            Optional<PolicyVersion> oldPolicy = task.escalation().policy();
            // A new version of the policy is audited once, when the task is first planned under it,
            // even where the deadline stays: the warning, the reminders or the chain may have moved.
            boolean newVersion = oldPolicy.isPresent() && !oldPolicy.get().equals(policy.policyVersion());
            if (!newVersion
                    && (oldDeadline.isEmpty() || oldDeadline.equals(plan.state().deadline()))) {
                return Optional.empty();
            }
            Map<String, String> details = details();
            details.put("from", oldDeadline.map(Instant::toString).orElse("none"));
            details.put("to", plan.assessment().deadline().toString());
            details.put(
                    "nextCheckFrom",
                    task.escalation().nextCheckAt().map(Instant::toString).orElse("none"));
            details.put(
                    "nextCheckTo",
                    plan.state().nextCheckAt().map(Instant::toString).orElse("none"));
            if (newVersion) {
                details.put("fromPolicyVersion", oldPolicy.get().version());
                PolicyVersion from = oldPolicy.get();
                String change = from.policyId().equals(policy.id())
                        ? "policy '" + policy.id() + "' " + versionText(from) + " -> v" + policy.version()
                        : from + " -> " + policy.policyVersion();
                details.put("reason", change + ": re-planned from the SLA start " + task.slaStart());
            } else {
                details.put(
                        "reason",
                        "recomputed from the SLA start " + task.slaStart() + ": priority '" + task.priority()
                                + "' has SLA " + policy.slaFor(task) + " on policy '" + policy.name()
                                + "'"
                                + (task.holds().isEmpty()
                                        ? ""
                                        : ", " + task.holds().size() + " hold(s) paused the SLA clock"));
            }
            return Optional.of(
                    of(AuditType.DEADLINE_CHANGED, Optional.empty(), Optional.empty(), Optional.empty(), details));
        }

        /** The planner ended an acknowledgement whose window passed (issue #20): say whose, and since when. */
        Optional<AuditEntry> acknowledgementExpiry() {
            Attention before = task.escalation().attention();
            if (!before.acknowledged() || plan.state().attention().acknowledged()) {
                return Optional.empty();
            }
            Map<String, String> details = details();
            details.put("acknowledgedBy", before.acknowledgedBy().orElseThrow());
            details.put("acknowledgedAt", before.acknowledgedAt().orElseThrow().toString());
            details.put(
                    "acknowledgeTimeout",
                    policy.acknowledgeTimeout().map(Object::toString).orElse("none"));
            return Optional.of(of(
                    AuditType.ACKNOWLEDGEMENT_EXPIRED, Optional.empty(), Optional.empty(), Optional.empty(), details));
        }

        private static String versionText(PolicyVersion old) {
            return old.isUnregistered() ? "(unregistered)" : "v" + old.version();
        }

        AuditEntry step(AuditType type, StepKey step, String from, String to) {
            return of(type, Optional.of(from), Optional.of(to), Optional.of(step), details());
        }

        AuditEntry of(
                AuditType type,
                Optional<String> from,
                Optional<String> to,
                Optional<StepKey> step,
                Map<String, String> details) {
            return new AuditEntry(
                    AuditEntry.newId(scope.now()),
                    type,
                    task.id(),
                    task.tenant(),
                    scope.now(),
                    scope.runId(),
                    plan.state().level(),
                    from,
                    to,
                    step.map(StepKey::toString),
                    details);
        }
    }

    /** The notifications of one notified step. */
    private record Notifications(WorkflowTask task, StepKey step, StepPlan plan, RunScope scope) {

        Notification to(NotificationType type, String recipient, String role) {
            SlaAssessment sla = plan.assessment();
            int level = plan.state().level();
            String message = switch (type) {
                case WARNING -> "Task " + task.id() + " (" + task.stage() + ") is due at " + sla.deadline();
                case REMINDER ->
                    "Reminder " + step.ordinal() + ": task " + task.id() + " (" + task.stage()
                            + ") "
                            + (sla.overdue().isZero()
                                    ? "is due at " + sla.deadline()
                                    : "is overdue by " + sla.overdue());
                case ESCALATION ->
                    "Task " + task.id() + " (" + task.stage() + ") was escalated to you (level " + level
                            + "), overdue by " + sla.overdue();
                case ESCALATION_NOTICE ->
                    "Task " + task.id() + " (" + task.stage() + ") was escalated to level " + level
                            + " because it is overdue by " + sla.overdue();
                case RE_ESCALATION ->
                    "Task " + task.id() + " (" + task.stage() + ") is still open, overdue by " + sla.overdue();
            };
            return new Notification(
                    step + "/" + role,
                    type,
                    task.id(),
                    task.tenant(),
                    recipient,
                    task.workflowType(),
                    task.stage(),
                    level,
                    sla.deadline(),
                    scope.now(),
                    message);
        }
    }
}
