package dev.escalation.core.internal;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaAssessment;
import dev.escalation.core.sla.StepKey;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a {@link StepPlan} into the {@link StepTransition} that records it: the new assignee
 * (resolving the escalation target), the audit entries and the notifications. Internal: may change at any time.
 */
final class TransitionFactory {

    /** The level's target could not be resolved; the task is retried later. */
    static final class UnresolvedTarget extends Exception {
        final EscalationTarget target;
        final int level;

        UnresolvedTarget(EscalationTarget target, int level, Throwable cause) {
            super(
                    "escalation level " + level + " target " + target + " could not be resolved"
                            + (cause == null ? "" : ": " + cause),
                    cause);
            this.target = target;
            this.level = level;
        }
    }

    private final TargetResolver targets;

    TransitionFactory(TargetResolver targets) {
        this.targets = targets;
    }

    StepTransition steps(
            WorkflowTask task, SlaPolicy policy, StepPlan plan, Instant now, String actor, Instant redeliverAfter)
            throws UnresolvedTarget {
        String assignee = plan.newLevel().isPresent()
                ? resolve(task, policy, plan.newLevel().get())
                : task.assignee();
        int level = plan.state().level();
        SlaAssessment sla = plan.assessment();
        List<AuditEntry> audit = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (StepKey skipped : plan.skipped()) {
            Map<String, String> details = details(policy, sla);
            details.put("supersededBy", plan.notified().orElseThrow().toString());
            audit.add(entry(
                    task,
                    AuditType.STEP_SKIPPED,
                    now,
                    actor,
                    level,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(skipped),
                    details));
        }
        Optional<Instant> oldDeadline = task.escalation().deadline();
        if (oldDeadline.isPresent() && !oldDeadline.equals(plan.state().deadline())) {
            Map<String, String> details = details(policy, sla);
            details.put("from", oldDeadline.get().toString());
            details.put("to", sla.deadline().toString());
            details.put(
                    "reason",
                    "recomputed from the SLA start " + task.slaStart() + ": priority '" + task.priority() + "' has SLA "
                            + policy.slaFor(task.priority()) + " on policy '" + policy.name() + "'"
                            + (task.holds().isEmpty()
                                    ? ""
                                    : ", " + task.holds().size() + " hold(s) paused the SLA clock"));
            audit.add(entry(
                    task,
                    AuditType.DEADLINE_CHANGED,
                    now,
                    actor,
                    level,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    details));
        }
        if (plan.breachedNow()) {
            audit.add(entry(
                    task,
                    AuditType.SLA_BREACHED,
                    now,
                    actor,
                    level,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    details(policy, sla)));
        }
        plan.notified().ifPresent(step -> {
            Map<String, String> details = details(policy, sla);
            switch (step.kind()) {
                case WARNING:
                    audit.add(stepEntry(
                            task,
                            AuditType.WARNING_SENT,
                            now,
                            actor,
                            level,
                            step,
                            details,
                            task.assignee(),
                            task.assignee()));
                    notifications.add(notification(
                            task, step, NotificationType.WARNING, task.assignee(), "assignee", level, sla, now));
                    break;
                case REMINDER:
                    audit.add(stepEntry(
                            task,
                            AuditType.REMINDER_SENT,
                            now,
                            actor,
                            level,
                            step,
                            details,
                            task.assignee(),
                            task.assignee()));
                    notifications.add(notification(
                            task, step, NotificationType.REMINDER, task.assignee(), "assignee", level, sla, now));
                    break;
                case ESCALATION:
                    audit.add(stepEntry(
                            task, AuditType.ESCALATED, now, actor, level, step, details, task.assignee(), assignee));
                    notifications.add(notification(
                            task, step, NotificationType.ESCALATION, assignee, "new-assignee", level, sla, now));
                    if (!assignee.equals(task.assignee())) {
                        notifications.add(notification(
                                task,
                                step,
                                NotificationType.ESCALATION_NOTICE,
                                task.assignee(),
                                "previous-assignee",
                                level,
                                sla,
                                now));
                    }
                    break;
                default:
                    audit.add(stepEntry(
                            task, AuditType.RE_ESCALATED, now, actor, level, step, details, assignee, assignee));
                    notifications.add(notification(
                            task, step, NotificationType.RE_ESCALATION, assignee, "assignee", level, sla, now));
                    break;
            }
        });
        return new StepTransition(
                task.id(), task.version(), assignee, plan.state(), audit, notifications, redeliverAfter);
    }

    /** A transition that changes nothing but the next check, carrying the audit entry that says why. */
    static StepTransition deferral(
            WorkflowTask task,
            Instant retryAt,
            AuditType type,
            Instant now,
            String actor,
            String reason,
            Instant redeliverAfter) {
        AuditEntry entry = entry(
                task,
                type,
                now,
                actor,
                task.escalation().level(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                new LinkedHashMap<>(Map.of("reason", reason, "retryAt", retryAt.toString())));
        return new StepTransition(
                task.id(),
                task.version(),
                task.assignee(),
                task.escalation().withNextCheckAt(Optional.of(retryAt)),
                List.of(entry),
                List.of(),
                redeliverAfter);
    }

    private String resolve(WorkflowTask task, SlaPolicy policy, int level) throws UnresolvedTarget {
        EscalationTarget target = policy.levels().get(level - 1).target();
        try {
            Optional<String> user = targets.resolve(target, task, level);
            if (user == null || user.isEmpty() || user.get().isBlank()) {
                throw new UnresolvedTarget(target, level, null);
            }
            return user.get();
        } catch (UnresolvedTarget e) {
            throw e;
        } catch (Exception e) {
            throw new UnresolvedTarget(target, level, e);
        }
    }

    private static Map<String, String> details(SlaPolicy policy, SlaAssessment sla) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("policy", policy.name());
        details.put("status", sla.status().name());
        details.put("deadline", sla.deadline().toString());
        if (!sla.overdue().isZero()) {
            details.put("overdue", sla.overdue().toString());
        }
        return details;
    }

    private static AuditEntry stepEntry(
            WorkflowTask task,
            AuditType type,
            Instant now,
            String actor,
            int level,
            StepKey step,
            Map<String, String> details,
            String from,
            String to) {
        return entry(task, type, now, actor, level, Optional.of(from), Optional.of(to), Optional.of(step), details);
    }

    private static AuditEntry entry(
            WorkflowTask task,
            AuditType type,
            Instant now,
            String actor,
            int level,
            Optional<String> from,
            Optional<String> to,
            Optional<StepKey> step,
            Map<String, String> details) {
        return new AuditEntry(
                UUID.randomUUID().toString(),
                type,
                task.id(),
                task.tenant(),
                now,
                actor,
                level,
                from,
                to,
                step.map(StepKey::toString),
                details);
    }

    private static Notification notification(
            WorkflowTask task,
            StepKey step,
            NotificationType type,
            String recipient,
            String role,
            int level,
            SlaAssessment sla,
            Instant now) {
        String message = switch (type) {
            case WARNING -> "Task " + task.id() + " (" + task.stage() + ") is due at " + sla.deadline();
            case REMINDER ->
                "Reminder " + step.ordinal() + ": task " + task.id() + " (" + task.stage() + ") "
                        + (sla.overdue().isZero() ? "is due at " + sla.deadline() : "is overdue by " + sla.overdue());
            case ESCALATION ->
                "Task " + task.id() + " (" + task.stage() + ") was escalated to you (level " + level + "), overdue by "
                        + sla.overdue();
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
                now,
                message);
    }
}
