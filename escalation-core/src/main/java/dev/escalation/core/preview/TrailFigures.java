package dev.escalation.core.preview;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an audit trail says happened: per stage, completions in time and breaches; over all, breaches,
 * the steps that notified someone (warnings, reminders, escalations per level, re-escalations) and
 * their sum. A late run's skipped steps notified nobody and are not counted.
 *
 * @param stages             per stage name, how it fared (see {@link StageFigures})
 * @param breaches           SLA breaches
 * @param warnings           warnings sent
 * @param reminders          reminders sent
 * @param escalationsByLevel escalations per level reached (1 is the first level)
 * @param reEscalations      re-escalations sent
 */
public record TrailFigures(
        Map<String, StageFigures> stages,
        long breaches,
        long warnings,
        long reminders,
        Map<Integer, Long> escalationsByLevel,
        long reEscalations) {

    /**
     * Copies the maps, sorted.
     *
     * @param stages             per stage name, how it fared
     * @param breaches           SLA breaches
     * @param warnings           warnings sent
     * @param reminders          reminders sent
     * @param escalationsByLevel escalations per level reached
     * @param reEscalations      re-escalations sent
     * @throws IllegalArgumentException when a map is missing or a count is negative
     */
    public TrailFigures {
        stages = Collections.unmodifiableMap(new TreeMap<>(Require.present("stages", stages)));
        escalationsByLevel =
                Collections.unmodifiableMap(new TreeMap<>(Require.present("escalationsByLevel", escalationsByLevel)));
        if (breaches < 0 || warnings < 0 || reminders < 0 || reEscalations < 0) {
            throw new IllegalArgumentException("counts must not be negative, but were breaches " + breaches
                    + ", warnings " + warnings + ", reminders " + reminders + ", reEscalations " + reEscalations);
        }
    }

    /**
     * Counts what {@code trail} records; its entries in the order they were stored.
     *
     * @param trail the audit trail
     * @return the figures
     * @throws IllegalArgumentException when the trail is missing
     */
    public static TrailFigures of(List<AuditEntry> trail) {
        Require.present("trail", trail);
        Map<String, Visit> visits = new HashMap<>();
        Map<String, long[]> stages = new TreeMap<>();
        Map<Integer, Long> levels = new TreeMap<>();
        long breaches = 0;
        long warnings = 0;
        long reminders = 0;
        long reEscalations = 0;
        for (AuditEntry e : trail) {
            Visit visit = visits.get(e.taskId());
            switch (e.type()) {
                case TASK_OPENED -> visits.put(e.taskId(), new Visit(e.details().getOrDefault("stage", "?")));
                case STAGE_CHANGED -> {
                    end(visit, stages);
                    visits.put(e.taskId(), new Visit(e.details().getOrDefault("toStage", "?")));
                }
                case TASK_COMPLETED -> {
                    end(visit, stages);
                    visits.remove(e.taskId());
                }
                case TASK_CANCELLED -> visits.remove(e.taskId());
                case SLA_BREACHED -> {
                    breaches++;
                    if (visit != null) {
                        visit.breached = true;
                        stages.computeIfAbsent(visit.stage, s -> new long[3])[2]++;
                    }
                }
                case WARNING_SENT -> warnings++;
                case REMINDER_SENT -> reminders++;
                case ESCALATED -> levels.merge(e.level(), 1L, Long::sum);
                case RE_ESCALATED -> reEscalations++;
                default -> {
                    // Reassignments, holds, priority changes and the engine's other entries end no visit.
                }
            }
        }
        Map<String, StageFigures> figures = new TreeMap<>();
        stages.forEach((stage, c) -> figures.put(stage, new StageFigures(c[0], c[1], c[2])));
        return new TrailFigures(figures, breaches, warnings, reminders, levels, reEscalations);
    }

    /**
     * The steps that notified someone: warnings, reminders, escalations and re-escalations.
     *
     * @return their number
     */
    public long notifiedSteps() {
        return warnings
                + reminders
                + reEscalations
                + escalationsByLevel.values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
    }

    /**
     * Escalations over every level.
     *
     * @return their number
     */
    public long escalations() {
        return escalationsByLevel.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void end(Visit visit, Map<String, long[]> stages) {
        if (visit != null) {
            long[] counts = stages.computeIfAbsent(visit.stage, s -> new long[3]);
            counts[0]++;
            if (!visit.breached) {
                counts[1]++;
            }
        }
    }

    /** The stage a task is in, and whether its breach was recorded there. */
    private static final class Visit {
        final String stage;
        boolean breached;

        Visit(String stage) {
            this.stage = stage;
        }
    }
}
