package dev.escalation.core.report;

import dev.escalation.core.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One line of a compliance report: what happened to the tasks of one workflow type, stage and
 * tenant in one period. A task counts in a stage from the moment it enters it (opened there, or
 * moved there) until it leaves it (completed, cancelled, or moved on); leaving for a later stage
 * counts as completing this one.
 *
 * @param periodStart        the first instant of the period (UTC day or ISO week)
 * @param workflowType       the tasks' workflow type ({@code "unknown"} for a task opened before the
 *                           audit read, or by a version that did not record it)
 * @param stage              the stage
 * @param tenant             the tenant, if any
 * @param opened             tasks that entered the stage in the period
 * @param completed          tasks that completed the stage in the period
 * @param completedWithinSla of those, the ones with no breach recorded and done by their last known deadline
 * @param cancelled          tasks cancelled in the stage in the period
 * @param breaches           SLA breaches recorded in the period
 * @param p50                median time to complete the stage, if any completion was measured
 * @param p90                90th percentile time to complete
 * @param p99                99th percentile time to complete
 * @param slaTarget          the median SLA target (deadline minus the SLA cycle's start, holds
 *                           included) of the completed tasks whose deadline the audit recorded
 * @param escalationsByLevel escalations and re-escalations in the period, by the level reached
 */
public record ComplianceRow(
        Instant periodStart,
        String workflowType,
        String stage,
        Optional<String> tenant,
        long opened,
        long completed,
        long completedWithinSla,
        long cancelled,
        long breaches,
        Optional<Duration> p50,
        Optional<Duration> p90,
        Optional<Duration> p99,
        Optional<Duration> slaTarget,
        Map<Integer, Long> escalationsByLevel) {

    /**
     * Validates the row and copies its escalation counts in level order.
     *
     * @param periodStart        the first instant of the period
     * @param workflowType       the tasks' workflow type
     * @param stage              the stage
     * @param tenant             the tenant, if any
     * @param opened             tasks that entered the stage in the period
     * @param completed          tasks that completed the stage in the period
     * @param completedWithinSla of those, the ones completed within their SLA
     * @param cancelled          tasks cancelled in the stage in the period
     * @param breaches           SLA breaches recorded in the period
     * @param p50                median time to complete
     * @param p90                90th percentile time to complete
     * @param p99                99th percentile time to complete
     * @param slaTarget          the median SLA target of the completed tasks
     * @param escalationsByLevel escalations in the period, by level
     * @throws IllegalArgumentException when a value is missing or blank, a count is negative, or more
     *                                  tasks completed within the SLA than completed
     */
    public ComplianceRow {
        Require.present("periodStart", periodStart);
        Require.text("workflowType", workflowType);
        Require.text("stage", stage);
        Objects.requireNonNull(tenant, "tenant");
        ReportChecks.notNegative("opened", opened);
        ReportChecks.notNegative("completed", completed);
        ReportChecks.notNegative("completedWithinSla", completedWithinSla);
        ReportChecks.notNegative("cancelled", cancelled);
        ReportChecks.notNegative("breaches", breaches);
        if (completedWithinSla > completed) {
            throw new IllegalArgumentException(
                    "completedWithinSla must not exceed completed (" + completed + "), but was " + completedWithinSla);
        }
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(slaTarget, "slaTarget");
        escalationsByLevel =
                Collections.unmodifiableMap(new TreeMap<>(Require.present("escalationsByLevel", escalationsByLevel)));
    }

    /**
     * The share of completed tasks that completed within their SLA, from 0 to 1.
     *
     * @return the share, or empty when no task completed in the period
     */
    public OptionalDouble withinSlaShare() {
        return completed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) completedWithinSla / completed);
    }
}
