package dev.escalation.core.report;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * An SLA compliance report over a time range, read from the audit trail: one {@link ComplianceRow}
 * per workflow type, stage, tenant and period, and the assignees and escalation targets with the
 * most breached (or escalated) tasks and their open load. {@link #toJson()} and {@link #toCsv()}
 * give it as text.
 *
 * <pre>{@code
 * ComplianceReport report = ComplianceReport.of(
 *         store.auditTrail().entries().iterator(), from, to, ReportPeriod.DAY);
 * String csv = report.toCsv();
 * }</pre>
 *
 * @param from              the start of the range, inclusive
 * @param to                the end of the range, exclusive
 * @param period            the length of each row's period
 * @param rows              the rows, by period, workflow type, stage and tenant
 * @param assignees         the assignees with the most breached tasks, most first (at most {@value #TOP})
 * @param escalationTargets the escalation targets with the most escalated tasks, most first (at most {@value #TOP})
 * @param goals             each named goal's compliance (issue #20), by goal name; empty when no policy has goals
 */
public record ComplianceReport(
        Instant from,
        Instant to,
        ReportPeriod period,
        List<ComplianceRow> rows,
        List<LoadRank> assignees,
        List<LoadRank> escalationTargets,
        List<GoalCompliance> goals) {

    /** How many assignees and escalation targets a report ranks. */
    public static final int TOP = 10;

    /**
     * Validates the report and copies its lists.
     *
     * @param from              the start of the range, inclusive
     * @param to                the end of the range, exclusive
     * @param period            the length of each row's period
     * @param rows              the rows
     * @param assignees         the ranked assignees
     * @param escalationTargets the ranked escalation targets
     * @param goals             each named goal's compliance, by goal name
     * @throws IllegalArgumentException when a value is missing or the range is empty
     */
    public ComplianceReport {
        Require.present("from", from);
        Require.present("to", to);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (" + from + "), but was " + to);
        }
        Require.present("period", period);
        rows = List.copyOf(Require.present("rows", rows));
        assignees = List.copyOf(Require.present("assignees", assignees));
        escalationTargets = List.copyOf(Require.present("escalationTargets", escalationTargets));
        goals = List.copyOf(Require.present("goals", goals));
    }

    /**
     * A report without goals, as every report was before named goals (issue #20).
     *
     * @param from              the start of the range, inclusive
     * @param to                the end of the range, exclusive
     * @param period            the length of each row's period
     * @param rows              the rows
     * @param assignees         the ranked assignees
     * @param escalationTargets the ranked escalation targets
     * @throws IllegalArgumentException when a value is missing or the range is empty
     */
    public ComplianceReport(
            Instant from,
            Instant to,
            ReportPeriod period,
            List<ComplianceRow> rows,
            List<LoadRank> assignees,
            List<LoadRank> escalationTargets) {
        this(from, to, period, rows, assignees, escalationTargets, List.of());
    }

    /**
     * Reads audit entries in time order and reports on those in {@code [from, to)}. Entries before
     * {@code from} only build the state of the tasks they open (so feed them from the start of the
     * trail, or accept that tasks opened earlier count as workflow type {@code "unknown"}); reading
     * stops at the first entry at or after {@code to}. Memory holds one small record per task open at
     * the time read, one quantile sketch per row and one counter per person - never the entries.
     *
     * @param entries the audit entries, oldest first
     * @param from    the start of the range, inclusive
     * @param to      the end of the range, exclusive
     * @param period  the length of each row's period
     * @return the report
     * @throws IllegalArgumentException when the range is empty, or the entries are not in time order
     */
    public static ComplianceReport of(Iterator<AuditEntry> entries, Instant from, Instant to, ReportPeriod period) {
        ComplianceReporter reporter = new ComplianceReporter(from, to, period);
        while (entries.hasNext()) {
            if (!reporter.accept(entries.next())) {
                break;
            }
        }
        return reporter.report();
    }

    /**
     * The report as one JSON object: {@code from}, {@code to}, {@code period}, {@code rows},
     * {@code assignees}, {@code escalationTargets}, and {@code goals} when any goal was met or breached; instants and durations as ISO-8601 text, a
     * missing value as {@code null}.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ReportText.json(this);
    }

    /**
     * The rows as CSV (RFC 4180, a header line, {@code \r\n} line ends); the rankings are in the JSON only.
     *
     * @return the CSV text
     */
    public String toCsv() {
        return ReportText.csv(this);
    }
}
