package dev.escalation.core.report;

import dev.escalation.core.audit.AuditEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-goal part of a {@link ComplianceReporter}: reads the entries that name a goal ({@code goal}
 * in the details) and counts, per goal name, goals met, met in time and breached. Memory: one counter
 * triple per goal name and, per open task, the names of its goals breached in the current cycle.
 */
final class GoalTallies {

    private final Map<String, long[]> byGoal = new TreeMap<>();
    private final Map<String, Set<String>> breachedGoals = new HashMap<>();

    void accept(AuditEntry entry, boolean counted) {
        String goal = entry.details().get("goal");
        String taskId = entry.taskId();
        switch (entry.type()) {
            case SLA_BREACHED -> {
                if (goal != null) {
                    breachedGoals.computeIfAbsent(taskId, id -> new HashSet<>()).add(goal);
                    if (counted) {
                        counts(goal)[2]++;
                    }
                }
            }
            case GOAL_MET, TASK_COMPLETED -> {
                if (goal != null && counted) {
                    long[] counts = counts(goal);
                    counts[0]++;
                    if (!breachedGoals.getOrDefault(taskId, Set.of()).contains(goal)) {
                        counts[1]++;
                    }
                }
                if (entry.type() == dev.escalation.core.audit.AuditType.TASK_COMPLETED) {
                    breachedGoals.remove(taskId);
                }
            }
            // A reassignment starts a new cycle: open goals start again, their breaches with them.
            case TASK_REASSIGNED, TASK_CANCELLED -> breachedGoals.remove(taskId);
            default -> {
                // Other entries do not change a goal's compliance.
            }
        }
    }

    private long[] counts(String goal) {
        return byGoal.computeIfAbsent(goal, g -> new long[3]);
    }

    List<GoalCompliance> rows() {
        List<GoalCompliance> rows = new ArrayList<>(byGoal.size());
        byGoal.forEach((goal, c) -> rows.add(new GoalCompliance(goal, c[0], c[1], c[2])));
        return rows;
    }
}
