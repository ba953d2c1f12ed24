package dev.escalation.examples.demo;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-stage outcome figures, derived from the audit trail alone - as an auditor would. */
record StageSummary(
        String stage,
        int tasks,
        int metSla,
        int warned,
        int escalatedLevel1,
        int escalatedLevel2Plus,
        int reEscalated,
        int breached,
        int stillOpen) {

    double breachedPercent() {
        return tasks == 0 ? 0 : 100.0 * breached / tasks;
    }

    static List<StageSummary> of(List<Simulation.PlannedTask> planned, List<AuditEntry> trail) {
        Map<String, List<AuditEntry>> byTask = new HashMap<>();
        for (AuditEntry entry : trail) {
            byTask.computeIfAbsent(entry.taskId(), id -> new ArrayList<>()).add(entry);
        }
        Map<String, int[]> rows = new LinkedHashMap<>();
        for (Scenario.Stage stage : Scenario.STAGES) {
            rows.put(label(stage), new int[8]);
        }
        for (Simulation.PlannedTask task : planned) {
            List<AuditEntry> entries = byTask.get(task.id());
            if (entries == null) {
                continue; // arrives after the simulated period
            }
            int[] row = rows.get(label(task.stage()));
            boolean breached = has(entries, AuditType.SLA_BREACHED);
            boolean completed = has(entries, AuditType.TASK_COMPLETED);
            int level = entries.stream()
                    .filter(e -> e.type() == AuditType.ESCALATED)
                    .mapToInt(AuditEntry::level)
                    .max()
                    .orElse(0);
            row[0]++;
            row[1] += completed && !breached ? 1 : 0;
            row[2] += has(entries, AuditType.WARNING_SENT) ? 1 : 0;
            row[3] += level >= 1 ? 1 : 0;
            row[4] += level >= 2 ? 1 : 0;
            row[5] += has(entries, AuditType.RE_ESCALATED) ? 1 : 0;
            row[6] += breached ? 1 : 0;
            row[7] += completed ? 0 : 1;
        }
        List<StageSummary> result = new ArrayList<>();
        rows.forEach((stage, r) -> result.add(new StageSummary(stage, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])));
        return result;
    }

    static String label(Scenario.Stage stage) {
        return stage.workflowType() + " / " + stage.name();
    }

    private static boolean has(List<AuditEntry> entries, AuditType type) {
        return entries.stream().anyMatch(e -> e.type() == type);
    }
}
