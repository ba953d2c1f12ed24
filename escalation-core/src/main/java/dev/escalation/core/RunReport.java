package dev.escalation.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.escalation.core.spi.SlaCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one {@link EscalationEngine#runOnce()} did. JSON round-trips through a plain
 * {@code ObjectMapper}, so hosts can serve it as is (the original job's {@code /report}).
 *
 * @param runId                  unique id of the run, also in the logs' MDC
 * @param startedAt              the clock's instant at the start; every decision used it
 * @param duration               how long the run took, by the engine's clock
 * @param tasksChecked           tasks evaluated
 * @param warnings               warnings sent
 * @param reminders              reminders sent
 * @param escalations            escalations applied (reassignments to a higher level)
 * @param reEscalations          re-escalations at the last level
 * @param escalationsByLevel     escalations by the level reached
 * @param stepsSkipped           steps superseded by a more advanced one in a late run (audited, not notified)
 * @param breaches               tasks found past their deadline for the first time
 * @param tasksSkipped           tasks without a policy
 * @param failures               per-task failures (including tasks without policy), each retried later
 * @param staleTransitions       transitions that lost a race with another runner or the host (normal, not errors)
 * @param notificationsDelivered notifications delivered in this run
 * @param notificationFailures   delivery attempts that failed and will be retried
 * @param notificationsGivenUp   notifications given up after their last attempt
 * @param notificationTimeouts   delivery attempts that got no answer within the delivery timeout (also counted as failures or given up)
 * @param notificationsDeferred  notifications held by the delivery window; not attempts
 * @param capped                 whether the run stopped at its task cap with work left
 * @param slaCounts              active tasks by SLA status after the run, when the repository counts them
 * @param nextDueAt              the earliest instant at which more work falls due: schedule the next run then
 * @param stepsByGoal            notified steps by named goal, for policies with goals; empty otherwise (and then absent from the JSON)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"runId", "startedAt", "duration"})
public record RunReport(
        String runId,
        Instant startedAt,
        Duration duration,
        int tasksChecked,
        int warnings,
        int reminders,
        int escalations,
        int reEscalations,
        Map<Integer, Integer> escalationsByLevel,
        int stepsSkipped,
        int breaches,
        int tasksSkipped,
        List<TaskFailure> failures,
        int staleTransitions,
        int notificationsDelivered,
        int notificationFailures,
        int notificationsGivenUp,
        int notificationTimeouts,
        int notificationsDeferred,
        boolean capped,
        Optional<SlaCounts> slaCounts,
        Optional<Instant> nextDueAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> stepsByGoal) {

    /**
     * Validates the report and copies its collections.
     *
     * @param runId                  unique id of the run, also in the logs' MDC
     * @param startedAt              the clock's instant at the start; every decision used it
     * @param duration               how long the run took, by the engine's clock
     * @param tasksChecked           tasks evaluated
     * @param warnings               warnings sent
     * @param reminders              reminders sent
     * @param escalations            escalations applied (reassignments to a higher level)
     * @param reEscalations          re-escalations at the last level
     * @param escalationsByLevel     escalations by the level reached
     * @param stepsSkipped           steps superseded by a more advanced one in a late run (audited, not notified)
     * @param breaches               tasks found past their deadline for the first time
     * @param tasksSkipped           tasks without a policy
     * @param failures               per-task failures (including tasks without policy), each retried later
     * @param staleTransitions       transitions that lost a race with another runner or the host (normal, not errors)
     * @param notificationsDelivered notifications delivered in this run
     * @param notificationFailures   delivery attempts that failed and will be retried
     * @param notificationsGivenUp   notifications given up after their last attempt
     * @param notificationTimeouts   delivery attempts that got no answer within the delivery timeout (also counted as failures or given up)
     * @param notificationsDeferred  notifications held by the delivery window; not attempts
     * @param capped                 whether the run stopped at its task cap with work left
     * @param slaCounts              active tasks by SLA status after the run, when the repository counts them
     * @param nextDueAt              the earliest instant at which more work falls due: schedule the next run then
     * @param stepsByGoal            notified steps by named goal, for policies with goals; empty otherwise
     * @throws IllegalArgumentException when a value is null or the run id is blank
     */
    public RunReport {
        Require.text("runId", runId);
        Require.present("startedAt", startedAt);
        Require.present("duration", duration);
        escalationsByLevel = Map.copyOf(Require.present("escalationsByLevel", escalationsByLevel));
        failures = List.copyOf(Require.present("failures", failures));
        Objects.requireNonNull(slaCounts, "slaCounts");
        Objects.requireNonNull(nextDueAt, "nextDueAt");
        stepsByGoal = Map.copyOf(Require.present("stepsByGoal", stepsByGoal));
    }

    /**
     * A report of a run that met no policy with goals.
     *
     * @param runId                  unique id of the run, also in the logs' MDC
     * @param startedAt              the clock's instant at the start; every decision used it
     * @param duration               how long the run took, by the engine's clock
     * @param tasksChecked           tasks evaluated
     * @param warnings               warnings sent
     * @param reminders              reminders sent
     * @param escalations            escalations applied (reassignments to a higher level)
     * @param reEscalations          re-escalations at the last level
     * @param escalationsByLevel     escalations by the level reached
     * @param stepsSkipped           steps superseded by a more advanced one in a late run
     * @param breaches               tasks found past their deadline for the first time
     * @param tasksSkipped           tasks without a policy
     * @param failures               per-task failures, each retried later
     * @param staleTransitions       transitions that lost a race with another runner or the host
     * @param notificationsDelivered notifications delivered in this run
     * @param notificationFailures   delivery attempts that failed and will be retried
     * @param notificationsGivenUp   notifications given up after their last attempt
     * @param notificationTimeouts   delivery attempts that got no answer within the delivery timeout
     * @param notificationsDeferred  notifications held by the delivery window; not attempts
     * @param capped                 whether the run stopped at its task cap with work left
     * @param slaCounts              active tasks by SLA status after the run, when the repository counts them
     * @param nextDueAt              the earliest instant at which more work falls due
     * @throws IllegalArgumentException when the run id is blank
     * @throws NullPointerException when a required value is null
     */
    public RunReport(
            String runId,
            Instant startedAt,
            Duration duration,
            int tasksChecked,
            int warnings,
            int reminders,
            int escalations,
            int reEscalations,
            Map<Integer, Integer> escalationsByLevel,
            int stepsSkipped,
            int breaches,
            int tasksSkipped,
            List<TaskFailure> failures,
            int staleTransitions,
            int notificationsDelivered,
            int notificationFailures,
            int notificationsGivenUp,
            int notificationTimeouts,
            int notificationsDeferred,
            boolean capped,
            Optional<SlaCounts> slaCounts,
            Optional<Instant> nextDueAt) {
        this(
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
                slaCounts,
                nextDueAt,
                Map.of());
    }

    /**
     * Steps applied and notified: warnings, reminders, escalations and re-escalations.
     *
     * @return the number of steps applied
     */
    @JsonIgnore
    public int stepsApplied() {
        return warnings + reminders + escalations + reEscalations;
    }

    @JsonCreator
    static RunReport fromJson(
            @JsonProperty("runId") String runId,
            @JsonProperty("startedAt") String startedAt,
            @JsonProperty("duration") String duration,
            @JsonProperty("tasksChecked") int tasksChecked,
            @JsonProperty("warnings") int warnings,
            @JsonProperty("reminders") int reminders,
            @JsonProperty("escalations") int escalations,
            @JsonProperty("reEscalations") int reEscalations,
            @JsonProperty("escalationsByLevel") Map<Integer, Integer> escalationsByLevel,
            @JsonProperty("stepsSkipped") int stepsSkipped,
            @JsonProperty("breaches") int breaches,
            @JsonProperty("tasksSkipped") int tasksSkipped,
            @JsonProperty("failures") List<TaskFailure> failures,
            @JsonProperty("staleTransitions") int staleTransitions,
            @JsonProperty("notificationsDelivered") int notificationsDelivered,
            @JsonProperty("notificationFailures") int notificationFailures,
            @JsonProperty("notificationsGivenUp") int notificationsGivenUp,
            @JsonProperty("notificationTimeouts") int notificationTimeouts,
            @JsonProperty("notificationsDeferred") int notificationsDeferred,
            @JsonProperty("capped") boolean capped,
            @JsonProperty("slaCounts") SlaCounts slaCounts,
            @JsonProperty("nextDueAt") String nextDueAt,
            @JsonProperty("stepsByGoal") Map<String, Integer> stepsByGoal) {
        return new RunReport(
                runId,
                Require.isoInstant("startedAt", startedAt),
                Require.isoDuration("duration", duration),
                tasksChecked,
                warnings,
                reminders,
                escalations,
                reEscalations,
                escalationsByLevel == null ? Map.of() : escalationsByLevel,
                stepsSkipped,
                breaches,
                tasksSkipped,
                failures == null ? List.of() : failures,
                staleTransitions,
                notificationsDelivered,
                notificationFailures,
                notificationsGivenUp,
                notificationTimeouts,
                notificationsDeferred,
                capped,
                Optional.ofNullable(slaCounts),
                Require.optionalIsoInstant("nextDueAt", nextDueAt),
                stepsByGoal == null ? Map.of() : stepsByGoal);
    }

    @JsonProperty("startedAt")
    String startedAtJson() {
        return startedAt.toString();
    }

    @JsonProperty("duration")
    String durationJson() {
        return duration.toString();
    }

    @JsonProperty("escalationsByLevel")
    Map<Integer, Integer> escalationsByLevelJson() {
        return new TreeMap<>(escalationsByLevel);
    }

    @JsonProperty("slaCounts")
    SlaCounts slaCountsJson() {
        return slaCounts.orElse(null);
    }

    @JsonProperty("nextDueAt")
    String nextDueAtJson() {
        return nextDueAt.map(Instant::toString).orElse(null);
    }
}
