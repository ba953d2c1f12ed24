package dev.escalation.core.operations;

import dev.escalation.core.sla.StepKind;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TaskTimeline} as one block of text for a person: who holds the task and under which
 * policy, where it stands, its holds, why it escalated and when it will next, then the history and
 * the plan, one line per point. Instants in the reader's zone, with their offset, so a line means
 * the same in any zone.
 */
final class TimelineText {

    private final ZoneId zone;
    private final StringBuilder out = new StringBuilder();

    private TimelineText(ZoneId zone) {
        this.zone = zone;
    }

    static String render(TaskTimeline timeline, ZoneId zone) {
        return new TimelineText(zone).write(timeline);
    }

    private String write(TaskTimeline t) {
        WorkflowTask task = t.task();
        line("Task " + task.id() + " (" + task.workflowType() + ", stage " + task.stage() + "), assigned to "
                + task.assignee()
                + task.tenant().map(tenant -> ", tenant " + tenant).orElse("") + ", "
                + task.status());
        line("Policy " + t.policy() + ", version " + t.policyVersion().orElse("not recorded"));
        line("As of " + at(t.asOf()) + ": " + t.status()
                + t.warningAt().map(w -> ", warning at " + at(w)).orElse("")
                + ", deadline " + t.deadline().map(this::at).orElse("not known until the hold ends"));
        if (!task.escalation().goals().goals().isEmpty()) {
            line("Goals: " + goals(task));
        }
        line("Holds: " + holds(task.holds()));
        line("Why: " + why(t));
        line("When: " + when(t));
        line("History:");
        t.past().forEach(this::event);
        line("Next:");
        if (t.next().isEmpty()) {
            line("  nothing planned: " + nothingPlanned(t));
        }
        t.next().forEach(this::event);
        if (t.moreAfterNext()) {
            line("  ... and more steps after these");
        }
        return out.toString();
    }

    /** Each named goal's deadline as the engine last planned it, or when it was met (issue #20). */
    private String goals(WorkflowTask task) {
        StringBuilder text = new StringBuilder();
        task.escalation().goals().goals().forEach((name, progress) -> {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(name);
            if (progress.metAt().isPresent()) {
                text.append(" met at ").append(at(progress.metAt().get()));
            } else {
                text.append(progress.warningAt()
                                .map(w -> " warning at " + at(w) + ",")
                                .orElse(""))
                        .append(" deadline ")
                        .append(progress.deadline().map(this::at).orElse("not planned yet"))
                        .append(progress.level() > 0 ? ", escalated to level " + progress.level() : "");
            }
        });
        return text.toString();
    }

    private String why(TaskTimeline t) {
        WorkflowTask task = t.task();
        int level = task.escalation().level();
        if (level == 0) {
            return "not escalated in this cycle (cycle " + task.escalation().cycle() + ")";
        }
        return "escalated to level " + level
                + task.escalation().lastEscalatedAt().map(at -> " at " + at(at)).orElse("")
                + ", because the deadline" + t.deadline().map(d -> " " + at(d)).orElse("")
                + " passed without the task being completed"
                + (task.escalation().reEscalations() > 0
                        ? "; re-escalated " + task.escalation().reEscalations() + " times since"
                        : "");
    }

    private String when(TaskTimeline t) {
        Optional<TimelineEvent> next = t.next().stream()
                .filter(e ->
                        e.kind().equals(StepKind.ESCALATION.name()) || e.kind().equals(StepKind.RE_ESCALATION.name()))
                .findFirst();
        if (next.isPresent()) {
            return "next escalation at " + at(next.get().at()) + ", "
                    + next.get().summary();
        }
        return "no escalation planned: " + (t.next().isEmpty() ? nothingPlanned(t) : "the policy's chain is done");
    }

    private String nothingPlanned(TaskTimeline t) {
        WorkflowTask task = t.task();
        if (!task.status().isActive()) {
            return "the task is " + task.status();
        }
        if (task.isOnHold()) {
            Hold hold = task.holds().get(task.holds().size() - 1);
            return "on hold since " + at(hold.from()) + ", the SLA clock is paused until it resumes";
        }
        return "the policy has no step left for this task";
    }

    private String holds(List<Hold> holds) {
        if (holds.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (Hold hold : holds) {
            text.append(text.length() == 0 ? "" : "; ")
                    .append(at(hold.from()))
                    .append(" to ")
                    .append(hold.until().map(this::at).orElse("now (ongoing)"));
        }
        return text.toString();
    }

    private void event(TimelineEvent e) {
        line("  " + at(e.at()) + "  " + e.kind() + "  " + e.summary());
    }

    private String at(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
