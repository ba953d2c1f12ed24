package dev.escalation.core.operations;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationLevel;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.sla.SkippedSteps;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.sla.StepKey;
import dev.escalation.core.sla.StepPlan;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The future half of a {@link TaskTimeline}: the pure planner run forward from the task's stored
 * state, one evaluation at each next check, exactly as runs at those instants would evaluate it (so
 * the timeline cannot disagree with the engine), and the past half's one-line summaries.
 */
final class TimelinePlanner {

    /** The kind of the point where the deadline passes: no step of its own, but the breach. */
    static final String SLA_BREACH = "SLA_BREACH";

    private TimelinePlanner() {}

    record Planned(List<TimelineEvent> steps, boolean more) {}

    static Planned plan(SlaPolicy policy, WorkflowTask task, Instant asOf, int max) {
        List<TimelineEvent> steps = new ArrayList<>();
        if (!task.status().isActive() || task.isOnHold()) {
            return new Planned(steps, false);
        }
        WorkflowTask current = task;
        Instant at = asOf;
        // Every evaluation either finds a step or the breach, or moves to a later next check; the
        // bound only guards against a planner that would not move on.
        for (int evaluations = 0; evaluations < 4 * max; evaluations++) {
            StepPlan plan = SlaEvaluator.plan(policy, current, at);
            if (plan.breachedNow()) {
                steps.add(new TimelineEvent(at, SLA_BREACH, "the deadline passes: the task is breached"));
            }
            if (current.escalation().attention().acknowledged()
                    && !plan.state().attention().acknowledged()) {
                steps.add(new TimelineEvent(
                        at,
                        AuditType.ACKNOWLEDGEMENT_EXPIRED.name(),
                        "the acknowledgement by "
                                + current.escalation()
                                        .attention()
                                        .acknowledgedBy()
                                        .orElseThrow()
                                + " times out: escalation resumes at the next level"));
            }
            for (SkippedSteps range : plan.skipped()) {
                steps.add(new TimelineEvent(at, range.first().kind().name(), skipped(range, plan)));
            }
            if (plan.notified().isPresent()) {
                StepKey step = plan.notified().get();
                steps.add(new TimelineEvent(at, step.kind().name(), step(step, policy, task)));
            }
            Optional<Instant> next = plan.state().nextCheckAt().filter(at::isBefore);
            if (steps.size() >= max || next.isEmpty()) {
                boolean more = steps.size() > max || (steps.size() == max && next.isPresent());
                return new Planned(steps.size() > max ? steps.subList(0, max) : steps, more);
            }
            current = current.toBuilder().escalation(plan.state()).build();
            at = next.get();
        }
        return new Planned(steps, true);
    }

    private static String step(StepKey step, SlaPolicy policy, WorkflowTask task) {
        return switch (step.kind()) {
            case WARNING -> warning(step, policy.warningThresholds(policy.slaFor(task)));
            case REMINDER -> "reminder " + step.ordinal() + " to the assignee (step " + step + ")";
            case ESCALATION ->
                "escalation to level " + step.ordinal() + target(policy, step.ordinal()) + " (step " + step + ")";
            case RE_ESCALATION ->
                "re-escalation " + step.ordinal()
                        + target(policy, policy.levels().size()) + " (step " + step + ")";
        };
    }

    /** The single warning reads as it always did; one of several thresholds says which, and to whom. */
    private static String warning(StepKey step, List<WarningThreshold> thresholds) {
        if (thresholds.size() <= 1 && (thresholds.isEmpty() || thresholds.get(0).isPlain())) {
            return "warning to the assignee (step " + step + ")";
        }
        if (step.ordinal() > thresholds.size()) {
            return "warning " + step.ordinal() + " to the assignee (step " + step + ")";
        }
        WarningThreshold threshold = thresholds.get(step.ordinal() - 1);
        return "warning threshold " + step.ordinal() + " of " + thresholds.size() + " ("
                + (threshold.when() instanceof Warning.AtFraction ? "" : "before ") + threshold.when() + "): "
                + threshold.type() + " to "
                + threshold.recipient().map(Object::toString).orElse("the assignee")
                + " (step " + step + ")";
    }

    private static String target(SlaPolicy policy, int level) {
        List<EscalationLevel> levels = policy.levels();
        return level >= 1 && level <= levels.size()
                ? ": " + levels.get(level - 1).target()
                : "";
    }

    private static String skipped(SkippedSteps range, StepPlan plan) {
        String steps = range.count() == 1
                ? "step " + range.first()
                : range.count() + " steps " + range.first() + " to " + range.last();
        return steps + " skipped, superseded by "
                + plan.notified().map(StepKey::toString).orElse("a later step");
    }

    static TimelineEvent event(AuditEntry entry) {
        StringBuilder summary = new StringBuilder();
        entry.stepKey().ifPresent(key -> summary.append("step ").append(key).append(", "));
        if (entry.type() == AuditType.ESCALATED || entry.type() == AuditType.RE_ESCALATED) {
            summary.append("level ").append(entry.level()).append(", ");
        }
        if (entry.fromAssignee().isPresent()) {
            summary.append(entry.fromAssignee().get())
                    .append(" -> ")
                    .append(entry.toAssignee().orElse("nobody"))
                    .append(", ");
        } else if (entry.toAssignee().isPresent()) {
            summary.append("to ").append(entry.toAssignee().get()).append(", ");
        }
        // Issue #20: say what an acknowledgement or a snooze holds, and until when.
        if (entry.type() == AuditType.TASK_ACKNOWLEDGED) {
            summary.append("acknowledged: steps held for the policy's acknowledge_timeout, ");
        } else if (entry.type() == AuditType.TASK_SNOOZED) {
            summary.append("reminders snoozed until ")
                    .append(entry.details().get("until"))
                    .append(", ");
        } else if (entry.type() == AuditType.ACKNOWLEDGEMENT_EXPIRED) {
            summary.append("acknowledgement by ")
                    .append(entry.details().get("acknowledgedBy"))
                    .append(" at ")
                    .append(entry.details().get("acknowledgedAt"))
                    .append(" timed out after ")
                    .append(entry.details().get("acknowledgeTimeout"))
                    .append(", ");
        }
        String reason = entry.details().get("reason");
        if (reason != null) {
            summary.append(reason).append(", ");
        }
        summary.append("by ").append(entry.actor());
        return new TimelineEvent(entry.occurredAt(), entry.type().name(), summary.toString());
    }
}
