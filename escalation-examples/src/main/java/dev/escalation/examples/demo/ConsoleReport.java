package dev.escalation.examples.demo;

import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a person wants to see after the simulation: a timeline excerpt, a table per stage, and the run figures. */
final class ConsoleReport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<AuditType> STEPS = EnumSet.of(
            AuditType.WARNING_SENT,
            AuditType.REMINDER_SENT,
            AuditType.ESCALATED,
            AuditType.RE_ESCALATED,
            AuditType.STEP_SKIPPED);

    private final PrintStream out;

    ConsoleReport(PrintStream out) {
        this.out = out;
    }

    void print(
            DemoOptions options,
            String backend,
            String tables,
            Simulation.Result result,
            List<AuditEntry> trail,
            List<StageSummary> stages) {
        out.printf(
                "%nEscalation demo: %d tasks over %d simulated days, seed %d, on %s%n",
                options.tasks(), options.days(), options.seed(), backend);
        out.printf("Tables: %s%n", tables);
        out.printf(
                "The engine ran every 15 minutes of simulated time: %d runs; the scheduler was down from %s to %s.%n",
                result.runs().size(), TIME.format(Simulation.OUTAGE_START), TIME.format(Simulation.OUTAGE_END));
        timeline(trail);
        table(stages);
        figures(result, trail);
    }

    private void timeline(List<AuditEntry> trail) {
        out.printf("%nTimeline (first steps of the first escalated task, then the first 12 steps overall)%n");
        String firstEscalated = trail.stream()
                .filter(e -> e.type() == AuditType.ESCALATED)
                .map(AuditEntry::taskId)
                .findFirst()
                .orElse("");
        trail.stream()
                .filter(e -> e.taskId().equals(firstEscalated) && STEPS.contains(e.type()))
                .forEach(this::line);
        out.println("  ...");
        trail.stream().filter(e -> STEPS.contains(e.type())).limit(12).forEach(this::line);
        out.printf(
                "%nThe first run after the scheduler outage caught up like this (one notification per task, the rest audited as skipped)%n");
        trail.stream()
                .filter(e -> !e.occurredAt().isBefore(Simulation.OUTAGE_END) && STEPS.contains(e.type()))
                .filter(e -> !e.occurredAt().isAfter(Simulation.OUTAGE_END))
                .limit(10)
                .forEach(this::line);
    }

    private void line(AuditEntry e) {
        String who;
        who = e.type() == AuditType.ESCALATED
                ? e.fromAssignee().orElse("?") + " -> " + e.toAssignee().orElse("?")
                : e.toAssignee().orElse("");
        String overdue = e.type() == AuditType.STEP_SKIPPED
                ? "superseded by " + e.details().getOrDefault("supersededBy", "?")
                : e.details().containsKey("overdue")
                        ? "overdue " + human(e.details().get("overdue"))
                        : "";
        if (e.type() == AuditType.STEP_SKIPPED) {
            // One entry stands for a range of skipped steps of one kind; show how many.
            String count = e.details().getOrDefault("skipped", "1");
            who = e.stepKey().map(k -> k.substring(k.indexOf('/') + 1)).orElse("")
                    + (count.equals("1") ? "" : " (" + count + " steps)");
        }
        out.printf(
                "  %s  %-9s %-14s %-7s %-32s %s%n",
                TIME.format(e.occurredAt()),
                e.taskId(),
                e.type(),
                e.level() > 0 ? "level " + e.level() : "",
                who,
                overdue);
    }

    private void table(List<StageSummary> stages) {
        out.printf("%nOutcome per stage%n");
        out.printf(
                "  %-34s %6s %8s %7s %6s %6s %8s %9s %6s%n",
                "stage", "tasks", "met SLA", "warned", "L1", "L2+", "re-esc.", "breached", "open");
        for (StageSummary s : stages) {
            out.printf(
                    "  %-34s %6d %8d %7d %6d %6d %8d %8.1f%% %6d%n",
                    s.stage(),
                    s.tasks(),
                    s.metSla(),
                    s.warned(),
                    s.escalatedLevel1(),
                    s.escalatedLevel2Plus(),
                    s.reEscalated(),
                    s.breachedPercent(),
                    s.stillOpen());
        }
    }

    private void figures(Simulation.Result result, List<AuditEntry> trail) {
        List<RunReport> runs = result.runs();
        long checked = runs.stream().mapToLong(RunReport::tasksChecked).sum();
        long warnings = runs.stream().mapToLong(RunReport::warnings).sum();
        long reminders = runs.stream().mapToLong(RunReport::reminders).sum();
        long escalations = runs.stream().mapToLong(RunReport::escalations).sum();
        long reEscalations = runs.stream().mapToLong(RunReport::reEscalations).sum();
        long skipped = runs.stream().mapToLong(RunReport::stepsSkipped).sum();
        long delivered =
                runs.stream().mapToLong(RunReport::notificationsDelivered).sum();
        long failures = runs.stream().mapToLong(r -> r.failures().size()).sum();
        out.printf("%nRun figures%n");
        out.printf(
                "  runs %d, tasks checked %d (%.1f per run; only due tasks are read)%n",
                runs.size(), checked, (double) checked / Math.max(1, runs.size()));
        out.printf(
                "  steps: %d warnings, %d reminders, %d escalations, %d re-escalations, %d skipped in late runs%n",
                warnings, reminders, escalations, reEscalations, skipped);
        out.printf(
                "  notifications delivered %d, per-task failures %d, audit entries %d%n",
                delivered, failures, trail.size());
        out.printf(
                "  wall time %d ms for the whole simulation (%.2f ms per run)%n",
                result.wallTime().toMillis(), result.wallTime().toNanos() / 1e6 / Math.max(1, runs.size()));
    }

    /** PT26H30M -> 26h30m: ISO durations are exact but hard to read at a glance. */
    static String human(String isoDuration) {
        return isoDuration.replace("PT", "").toLowerCase(Locale.ROOT);
    }
}
