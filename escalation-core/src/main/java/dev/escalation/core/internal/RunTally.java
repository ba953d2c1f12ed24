package dev.escalation.core.internal;

import dev.escalation.core.RunReport;
import dev.escalation.core.TaskFailure;
import dev.escalation.core.sla.StepKind;
import dev.escalation.core.spi.SlaCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The counters of one run; confined to the run's thread. Internal: may change at any time. */
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
    int auditFailures;
    boolean capped;

    void notified(StepKind kind, int ordinal) {
        switch (kind) {
            case WARNING:
                warnings++;
                break;
            case REMINDER:
                reminders++;
                break;
            case ESCALATION:
                escalations++;
                escalationsByLevel.merge(ordinal, 1, Integer::sum);
                break;
            default:
                reEscalations++;
                break;
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
                auditFailures,
                capped,
                counts,
                nextDueAt);
    }
}
