package dev.escalation.core.operations;

import dev.escalation.core.task.WorkflowTask;
import java.util.Objects;

/**
 * An active task on an operator's worklist, with where it stands against its SLA.
 *
 * @param task     the task as stored
 * @param standing where it stands at the query's instant
 */
public record OpenTask(WorkflowTask task, SlaStanding standing) {

    /**
     * Validates the entry.
     *
     * @param task     the task as stored
     * @param standing where it stands at the query's instant
     * @throws NullPointerException when a value is null
     */
    public OpenTask {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(standing, "standing");
    }

    /**
     * The standing of each open named goal of the task at {@code at}, in the policy's order: which of
     * its goals put a {@link SlaStanding#BREACHED} task on the breached list (the task's own standing
     * is its most urgent open goal's). Empty for a task whose policy has no goals; met goals are left out.
     *
     * @param at the instant to judge at, the query's {@code asOf}
     * @return each open goal's standing, by goal name
     */
    public java.util.Map<String, SlaStanding> goalStandings(java.time.Instant at) {
        Objects.requireNonNull(at, "at");
        java.util.Map<String, SlaStanding> standings = new java.util.LinkedHashMap<>();
        task.escalation().goals().goals().forEach((goal, progress) -> {
            if (progress.met()) {
                return;
            }
            SlaStanding goalStanding = standing == SlaStanding.ON_HOLD
                    ? SlaStanding.ON_HOLD
                    : progress.deadline().map(d -> !d.isAfter(at)).orElse(false)
                            ? SlaStanding.BREACHED
                            : progress.warningAt().map(w -> !w.isAfter(at)).orElse(false)
                                    ? SlaStanding.NEAR_BREACH
                                    : SlaStanding.FINE;
            standings.put(goal, goalStanding);
        });
        return java.util.Collections.unmodifiableMap(standings);
    }
}
