package dev.escalation.core.report;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a {@link ComplianceReport} from audit entries fed one at a time in time order, in bounded
 * memory: one {@link Visit} per task open at the time read (unavoidable: a completion must find when
 * its task entered the stage), one row's counters and two quantile sketches per workflow type, stage,
 * tenant and period, one counter per assignee and escalation target. Not thread-safe.
 *
 * <p>What the audit holds and this reads: {@code TASK_OPENED} (the stage, and since issue #17 the
 * workflow type), {@code STAGE_CHANGED} ({@code toStage}), {@code TASK_REASSIGNED} (a new SLA cycle),
 * the step entries and {@code SLA_BREACHED} ({@code deadline}), {@code DEADLINE_CHANGED} ({@code to}),
 * {@code ESCALATED}/{@code RE_ESCALATED} (level, target), {@code TASK_COMPLETED} and
 * {@code TASK_CANCELLED}; per named goal ({@code goal} in the details, issue #20) {@code SLA_BREACHED},
 * {@code GOAL_MET} and the {@code TASK_COMPLETED} of a task's last goal. The audit records no deadline for a task that completes before any step,
 * so such a task counts as within its SLA unless a breach was recorded.
 */
public final class ComplianceReporter {

    static final String UNKNOWN = "unknown";

    private final Instant from;
    private final Instant to;
    private final ReportPeriod period;
    private final Map<String, Visit> open = new HashMap<>();
    private final Map<RowKey, Tally> rows = new HashMap<>();
    private final Map<String, Long> breachedByAssignee = new HashMap<>();
    private final Map<String, Long> escalatedByTarget = new HashMap<>();
    private final GoalTallies goals = new GoalTallies();
    private Instant last = Instant.MIN;

    /**
     * Starts an empty report over {@code [from, to)}.
     *
     * @param from   the start of the range, inclusive
     * @param to     the end of the range, exclusive
     * @param period the length of each row's period
     * @throws IllegalArgumentException when a value is missing or {@code to} is not after {@code from}
     */
    public ComplianceReporter(Instant from, Instant to, ReportPeriod period) {
        this.from = Require.present("from", from);
        this.to = Require.present("to", to);
        this.period = Require.present("period", period);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (" + from + "), but was " + to);
        }
    }

    /**
     * Reads the next entry.
     *
     * @param entry the entry; not older than the one before
     * @return false when the entry is at or after the range's end (it is not counted, and no later
     *         entry would be), true otherwise
     * @throws IllegalArgumentException when the entry is older than the one read before
     */
    public boolean accept(AuditEntry entry) {
        Require.present("entry", entry);
        Instant at = entry.occurredAt();
        if (at.isBefore(last)) {
            throw new IllegalArgumentException("audit entries must come in time order: entry '" + entry.id()
                    + "' occurred at " + at + ", before the previous entry at " + last);
        }
        last = at;
        if (!at.isBefore(to)) {
            return false;
        }
        boolean counted = !at.isBefore(from);
        String taskId = entry.taskId();
        goals.accept(entry, counted);
        switch (entry.type()) {
            case TASK_OPENED -> {
                Visit v = new Visit(
                        entry.details().getOrDefault("workflowType", UNKNOWN),
                        entry.details().getOrDefault("stage", UNKNOWN),
                        entry.tenant(),
                        entry.toAssignee().orElse(UNKNOWN),
                        at);
                open.put(taskId, v);
                if (counted) {
                    tally(v, at).opened++;
                }
            }
            case STAGE_CHANGED -> {
                Visit v = visit(entry);
                leave(v, at, counted, true);
                Visit next = new Visit(
                        v.workflowType, entry.details().getOrDefault("toStage", UNKNOWN), v.tenant, v.assignee, at);
                open.put(taskId, next);
                if (counted) {
                    tally(next, at).opened++;
                }
            }
            case TASK_COMPLETED -> {
                leave(visit(entry), at, counted, true);
                open.remove(taskId);
            }
            case TASK_CANCELLED -> {
                leave(visit(entry), at, counted, false);
                open.remove(taskId);
            }
            case TASK_REASSIGNED -> {
                Visit v = visit(entry);
                v.assignee = entry.toAssignee().orElse(v.assignee);
                v.escalated = false;
                v.cycleStart = at;
                v.deadline = null;
            }
            case SLA_BREACHED -> {
                Visit v = visit(entry);
                noteDeadline(v, entry, "deadline");
                if (counted) {
                    tally(v, at).breaches++;
                    if (!v.breached) {
                        breachedByAssignee.merge(v.assignee, 1L, Long::sum);
                    }
                }
                v.breached = true;
            }
            case ESCALATED, RE_ESCALATED -> {
                Visit v = visit(entry);
                noteDeadline(v, entry, "deadline");
                String target = entry.toAssignee().orElse(v.assignee);
                if (counted) {
                    tally(v, at).escalationsByLevel.merge(entry.level(), 1L, Long::sum);
                    if (!target.equals(v.assignee) || !v.escalated) {
                        escalatedByTarget.merge(target, 1L, Long::sum);
                    }
                }
                v.assignee = target;
                v.escalated = true;
            }
            case WARNING_SENT, REMINDER_SENT, STEP_SKIPPED -> noteDeadline(visit(entry), entry, "deadline");
            case DEADLINE_CHANGED -> noteDeadline(visit(entry), entry, "to");
            default -> {
                // Deliveries, deferrals, failures, holds and priority changes do not change compliance.
            }
        }
        return true;
    }

    /**
     * The report of what was read so far.
     *
     * @return the report
     */
    public ComplianceReport report() {
        List<ComplianceRow> result = new ArrayList<>(rows.size());
        rows.forEach((key, tally) -> result.add(tally.row(key)));
        result.sort(Comparator.comparing(ComplianceRow::periodStart)
                .thenComparing(ComplianceRow::workflowType)
                .thenComparing(ComplianceRow::stage)
                .thenComparing(r -> r.tenant().orElse("")));
        Map<String, Long> openByAssignee = new HashMap<>();
        Map<String, Long> openByTarget = new HashMap<>();
        for (Visit v : open.values()) {
            openByAssignee.merge(v.assignee, 1L, Long::sum);
            if (v.escalated) {
                openByTarget.merge(v.assignee, 1L, Long::sum);
            }
        }
        return new ComplianceReport(
                from,
                to,
                period,
                result,
                ranked(breachedByAssignee, openByAssignee),
                ranked(escalatedByTarget, openByTarget),
                goals.rows());
    }

    private static List<LoadRank> ranked(Map<String, Long> tasks, Map<String, Long> openTasks) {
        return tasks.entrySet().stream()
                .map(e -> new LoadRank(e.getKey(), e.getValue(), openTasks.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong(LoadRank::tasks)
                        .thenComparingLong(LoadRank::openTasks)
                        .reversed()
                        .thenComparing(LoadRank::name))
                .limit(ComplianceReport.TOP)
                .toList();
    }

    /** The task's visit; a task opened before the first entry read gets one with unknown facts. */
    private Visit visit(AuditEntry entry) {
        return open.computeIfAbsent(
                entry.taskId(),
                id -> new Visit(
                        UNKNOWN,
                        entry.details().getOrDefault("fromStage", UNKNOWN),
                        entry.tenant(),
                        entry.fromAssignee().orElse(UNKNOWN),
                        null));
    }

    private void leave(Visit v, Instant at, boolean counted, boolean completed) {
        if (!counted) {
            return;
        }
        Tally tally = tally(v, at);
        if (!completed) {
            tally.cancelled++;
            return;
        }
        tally.completed++;
        boolean withinSla = !v.breached && (v.deadline == null || !at.isAfter(v.deadline));
        if (withinSla) {
            tally.completedWithinSla++;
        }
        if (v.entered != null) {
            tally.timeToComplete.add(Duration.between(v.entered, at));
        }
        if (v.deadline != null && v.cycleStart != null) {
            tally.slaTarget.add(Duration.between(v.cycleStart, v.deadline));
        }
    }

    private static void noteDeadline(Visit v, AuditEntry entry, String key) {
        String text = entry.details().get(key);
        if (text == null) {
            return;
        }
        try {
            v.deadline = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "audit entry '" + entry.id() + "' has detail " + key + " that is not an instant: '" + text + "'",
                    e);
        }
    }

    private Tally tally(Visit v, Instant at) {
        return rows.computeIfAbsent(new RowKey(period.start(at), v.workflowType, v.stage, v.tenant), k -> new Tally());
    }

    private record RowKey(Instant periodStart, String workflowType, String stage, Optional<String> tenant) {}

    /** A task in a stage: what the report needs to know when it leaves. */
    private static final class Visit {
        final String workflowType;
        final String stage;
        final Optional<String> tenant;
        final Instant entered;
        Instant cycleStart;
        Instant deadline;
        String assignee;
        boolean breached;
        boolean escalated;

        Visit(String workflowType, String stage, Optional<String> tenant, String assignee, Instant entered) {
            this.workflowType = workflowType;
            this.stage = stage;
            this.tenant = tenant;
            this.assignee = assignee;
            this.entered = entered;
            this.cycleStart = entered;
        }
    }

    /** The counters and sketches of one row. */
    private static final class Tally {
        long opened;
        long completed;
        long completedWithinSla;
        long cancelled;
        long breaches;
        final Map<Integer, Long> escalationsByLevel = new TreeMap<>();
        final QuantileSketch timeToComplete = new QuantileSketch();
        final QuantileSketch slaTarget = new QuantileSketch();

        ComplianceRow row(RowKey key) {
            return new ComplianceRow(
                    key.periodStart(),
                    key.workflowType(),
                    key.stage(),
                    key.tenant(),
                    opened,
                    completed,
                    completedWithinSla,
                    cancelled,
                    breaches,
                    timeToComplete.quantile(0.50),
                    timeToComplete.quantile(0.90),
                    timeToComplete.quantile(0.99),
                    slaTarget.quantile(0.50),
                    escalationsByLevel);
        }
    }
}
