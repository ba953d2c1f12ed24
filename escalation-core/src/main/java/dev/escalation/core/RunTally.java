package dev.escalation.core;

import dev.escalation.core.spi.SlaCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The counters of one run; confined to the run's thread. */
final class RunTally {

    int tasksChecked;
    int warnings;
    int reminders;
    int escalations;
    int reEscalations;
    final Map<Integer, Integer> escalationsByLevel = new TreeMap<>();
    int stepsSkipped;
    int breaches;
    int tasksSkipped;
    final List<TaskFailure> failures = new ArrayList<>();
    int staleTransitions;
    int notificationsDelivered;
    int notificationFailures;
    int notificationsGivenUp;
    int notificationTimeouts;
    int notificationsDeferred;
    boolean capped;
    final Map<String, Integer> stepsByGoal = new TreeMap<>();

    /** Counts the steps of a recorded task: notified ones by kind, superseded ones as skipped. */
    void recorded(PlannedTask task) {
        for (AppliedStep step : task.steps()) {
            if (!step.notified()) {
                continue;
            }
            step.key().goal().ifPresent(goal -> stepsByGoal.merge(goal, 1, Integer::sum));
            switch (step.key().kind()) {
                case WARNING -> warnings++;
                case REMINDER -> reminders++;
                case ESCALATION -> {
                    escalations++;
                    escalationsByLevel.merge(step.key().ordinal(), 1, Integer::sum);
                }
                case RE_ESCALATION -> reEscalations++;
            }
        }
        // A skipped step stands for a range of them; the report counts the steps.
        stepsSkipped = (int) Math.min(Integer.MAX_VALUE, stepsSkipped + task.skippedSteps());
        if (task.breachedNow()) {
            breaches++;
        }
    }

    void failed(TaskFailure failure) {
        failures.add(failure);
        if (failure.kind() == TaskFailure.Kind.NO_POLICY) {
            tasksSkipped++;
        }
    }

    RunReport report(
            String runId,
            Instant startedAt,
            Duration duration,
            Optional<SlaCounts> counts,
            Optional<Instant> nextDueAt) {
        return new RunReport(
                runId,
                startedAt,
                duration,
                tasksChecked,
                warnings,
                reminders,
                escalations,
                reEscalations,
                escalationsByLevel,
                stepsSkipped,
                breaches,
                tasksSkipped,
                failures,
                staleTransitions,
                notificationsDelivered,
                notificationFailures,
                notificationsGivenUp,
                notificationTimeouts,
                notificationsDeferred,
                capped,
                counts,
                nextDueAt,
                stepsByGoal);
    }
}
