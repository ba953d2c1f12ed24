package dev.escalation.core.testing;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationLevel;
import dev.escalation.core.policy.RelativeDeadline;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.sla.StepKind;
import dev.escalation.core.task.Hold;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately naive model of one task's steps, to check the engine against: fed the task's
 * history in order (opened, held, resumed, reassigned, finished, and every instant the engine
 * ran), it lists every step of the policy, and at each run marks those whose point on the SLA
 * clock has been reached and that have not happened yet: the most advanced one notified, the
 * others skipped. The engine audits consecutive skipped steps of one kind as one range;
 * {@link #stepsIn} expands such a range into its steps, so the model stays one entry per step. It shares no code with the engine's planner; it takes from the policy only its
 * public settings.
 */
public final class ReferenceModel {

    /** What became of a step. */
    public enum Fate {
        NOTIFIED,
        SKIPPED
    }

    /**
     * A step that happened.
     *
     * @param fate notified, or skipped for a more advanced step due at the same run
     * @param at   the run that applied it
     */
    public record Happened(Fate fate, Instant at) {}

    private final String taskId;
    private SlaPolicy policy;
    /** A pinned change waiting for the next cycle: the current one keeps the version it was planned under. */
    private SlaPolicy nextCycles;
    /** Whether the engine has planned the current cycle, and so recorded the policy version on it. */
    private boolean planned;

    private final Map<String, Happened> steps = new LinkedHashMap<>();
    private final List<Hold> holds = new ArrayList<>();
    private int cycle = -1;
    private Instant slaStart;
    private boolean open;
    private boolean breachedThisCycle;
    private int breaches;
    /** When the standing acknowledgement was made; null when none stands (issue #20). */
    private Instant acknowledgedAt;
    /** Until when reminders are held, the policy's cap applied; null when never snoozed in this cycle. */
    private Instant snoozeEnd;
    /**
     * The task's calendar as the model knows it (issue #20): every hour of every day counts, in this zone,
     * but for these holiday dates. UTC and no holidays, plain real time, unless {@link #onCalendar} says.
     */
    private ZoneId zone = ZoneOffset.UTC;

    private Set<LocalDate> holidays = Set.of();

    public ReferenceModel(String taskId, SlaPolicy policy) {
        this.taskId = taskId;
        this.policy = policy;
    }

    /** The task counts its SLA on an all-day calendar in {@code zone} without {@code holidays} (issue #20). */
    public ReferenceModel onCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
        return this;
    }

    public void opened(Instant slaStart) {
        restart(slaStart);
    }

    public void reassigned(Instant at) {
        restart(at);
    }

    public void held(Instant at) {
        holds.add(Hold.since(at));
    }

    public void resumed(Instant at) {
        holds.set(holds.size() - 1, holds.get(holds.size() - 1).endedAt(at));
    }

    /**
     * The policy changed to {@code next}: re-planned, the task follows it from now on; pinned, a cycle
     * the engine has planned keeps the old one, and the next cycle (or a cycle not yet planned) gets it.
     */
    public void policyChanged(SlaPolicy next, boolean pinned) {
        if (pinned && planned) {
            nextCycles = next;
        } else {
            policy = next;
        }
    }

    /** Acknowledged at {@code at}: ignored while an acknowledgement stands, as the first one's window stands. */
    public void acknowledged(Instant at) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
        }
    }

    /** Reminders snoozed at {@code at} until {@code until}, replacing an earlier snooze; never past the policy's cap. */
    public void snoozed(Instant at, Instant until) {
        Instant cap = policy.maxSnooze().map(at::plus).orElse(until);
        snoozeEnd = cap.isBefore(until) ? cap : until;
    }

    /** Completed or cancelled. */
    public void finished(Instant at) {
        open = false;
    }

    /** The engine ran at {@code at} (and, the task being due, evaluated it). */
    public void ran(Instant at) {
        if (!open || isHeld()) {
            return;
        }
        planned = true;
        Duration elapsed = slaElapsed(at);
        Optional<Instant> ackUntil = Optional.ofNullable(acknowledgedAt)
                .flatMap(ack -> policy.acknowledgeTimeout().map(ack::plus));
        boolean acknowledged = ackUntil.isPresent() && at.isBefore(ackUntil.get());
        boolean snoozed = snoozeEnd != null && at.isBefore(snoozeEnd);
        List<Step> due = new ArrayList<>(
                acknowledged
                        ? List.of()
                        : schedule(elapsed).stream()
                                .filter(step -> !steps.containsKey(step.key()))
                                .filter(step -> !(snoozed && step.kind() == StepKind.REMINDER))
                                .toList());
        if (ackUntil.isPresent() && !acknowledged) {
            owedAfterAcknowledgement(elapsed)
                    .filter(step -> due.stream().noneMatch(d -> d.key().equals(step.key())))
                    .ifPresent(due::add);
            acknowledgedAt = null;
        }
        Optional<Step> best =
                due.stream().max(Comparator.comparingInt(Step::rank).thenComparingInt(Step::ordinal));
        for (Step step : due) {
            steps.put(step.key(), new Happened(step == best.get() ? Fate.NOTIFIED : Fate.SKIPPED, at));
        }
        if (!breachedThisCycle && elapsed.compareTo(sla()) >= 0) {
            breachedThisCycle = true;
            breaches++;
        }
    }

    /**
     * The step an acknowledgement that timed out owes: the next level once the deadline has passed, or
     * at the last level the next re-escalation while the cap allows; none before the deadline.
     */
    private Optional<Step> owedAfterAcknowledgement(Duration elapsed) {
        int level = count(StepKind.ESCALATION);
        int levels = policy.levels().size();
        if (level < levels) {
            return elapsed.compareTo(sla()) >= 0
                    ? Optional.of(step(StepKind.ESCALATION, level + 1, elapsed))
                    : Optional.empty();
        }
        int reEscalations = count(StepKind.RE_ESCALATION);
        return levels > 0 && reEscalations < policy.maxReEscalations()
                ? Optional.of(step(StepKind.RE_ESCALATION, reEscalations + 1, elapsed))
                : Optional.empty();
    }

    /** How many steps of {@code kind} the current cycle has had. */
    private int count(StepKind kind) {
        String stem = taskId + "/" + cycle + "/" + kind + "/";
        return (int) steps.keySet().stream().filter(key -> key.startsWith(stem)).count();
    }

    /** Every step so far, by key ({@code task/cycle/KIND/ordinal}): its fate and when. */
    public Map<String, Happened> steps() {
        return Collections.unmodifiableMap(steps);
    }

    /** The fate an audit entry records for its step; empty for entries that record no step. */
    public static Optional<Fate> fateOf(AuditEntry entry) {
        return switch (entry.type()) {
            case WARNING_SENT, REMINDER_SENT, ESCALATED, RE_ESCALATED -> Optional.of(Fate.NOTIFIED);
            case STEP_SKIPPED -> Optional.of(Fate.SKIPPED);
            default -> Optional.empty();
        };
    }

    /** The steps an audit trail records, by task and then by step key, to compare with {@link #steps()}. */
    public static Map<String, Map<String, Happened>> stepsIn(List<AuditEntry> trail) {
        Map<String, Map<String, Happened>> byTask = new LinkedHashMap<>();
        for (AuditEntry entry : trail) {
            fateOf(entry).ifPresent(fate -> {
                Map<String, Happened> steps = byTask.computeIfAbsent(entry.taskId(), id -> new LinkedHashMap<>());
                for (String key : stepKeysOf(entry)) {
                    steps.put(key, new Happened(fate, entry.occurredAt()));
                }
            });
        }
        return byTask;
    }

    /**
     * The step keys one entry records: its own step, or for a {@code STEP_SKIPPED} entry every step
     * of the range from {@code firstSkipped} to {@code lastSkipped}, which must be its step key and
     * hold {@code skipped} steps.
     */
    public static List<String> stepKeysOf(AuditEntry entry) {
        String key = entry.stepKey().orElseThrow();
        if (entry.type() != AuditType.STEP_SKIPPED) {
            return List.of(key);
        }
        String first = entry.details().get("firstSkipped");
        String last = entry.details().get("lastSkipped");
        if (!key.equals(last)) {
            throw new AssertionError("a skipped range is recorded under its last step " + last + ", but was " + key);
        }
        String stem = last.substring(0, last.lastIndexOf('/') + 1);
        if (!first.startsWith(stem) || first.indexOf('/', stem.length()) >= 0) {
            throw new AssertionError("skipped steps " + first + " to " + last + " are not of one task, cycle and kind");
        }
        int from = Integer.parseInt(first.substring(stem.length()));
        int to = Integer.parseInt(last.substring(stem.length()));
        if (Integer.parseInt(entry.details().get("skipped")) != to - from + 1) {
            throw new AssertionError(entry.details().get("skipped") + " steps skipped from " + first + " to " + last);
        }
        List<String> keys = new ArrayList<>();
        for (int ordinal = from; ordinal <= to; ordinal++) {
            keys.add(stem + ordinal);
        }
        return keys;
    }

    /** How many times a deadline was first seen passed, one at most per cycle. */
    public int breaches() {
        return breaches;
    }

    public int cycle() {
        return cycle;
    }

    /** SLA time run in the current cycle by {@code at}: the counted time since the SLA start, less the holds. */
    public Duration slaElapsed(Instant at) {
        Duration elapsed = counted(slaStart, at);
        for (Hold hold : holds) {
            Instant from = hold.from().isAfter(slaStart) ? hold.from() : slaStart;
            Instant until = hold.until().filter(u -> u.isBefore(at)).orElse(at);
            elapsed = elapsed.minus(counted(from, until));
        }
        return positive(elapsed);
    }

    /**
     * The task's SLA in the current cycle: the policy's duration, or for a relative deadline the counted time
     * from the SLA start to it, found by walking dates in the task's zone (issue #20).
     */
    public Duration sla() {
        Optional<RelativeDeadline> relative = policy.relativeDeadline();
        if (relative.isEmpty()) {
            return policy.sla();
        }
        LocalDate day = LocalDate.ofInstant(slaStart, zone);
        int wanted = relative.get() instanceof RelativeDeadline.EndOfBusinessDay end ? end.days() : 1;
        for (int found = 0; found < wanted; ) {
            day = day.plusDays(1);
            if (!holidays.contains(day)) {
                found++;
            }
        }
        Instant deadline = relative.get() instanceof RelativeDeadline.NextBusinessDayAt at
                ? ZonedDateTime.of(day, at.time(), zone).toInstant()
                : day.plusDays(1).atStartOfDay(zone).toInstant();
        return counted(slaStart, deadline);
    }

    /** Time in {@code [from, to)} that is not on a holiday date of the task's zone, one date at a time. */
    private Duration counted(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            LocalDate date = LocalDate.ofInstant(cursor, zone);
            Instant nextDay = date.plusDays(1).atStartOfDay(zone).toInstant();
            Instant end = nextDay.isBefore(to) ? nextDay : to;
            if (!holidays.contains(date)) {
                total = total.plus(Duration.between(cursor, end));
            }
            cursor = end;
        }
        return total;
    }

    private void restart(Instant start) {
        if (nextCycles != null) {
            policy = nextCycles;
            nextCycles = null;
        }
        planned = false;
        cycle++;
        slaStart = start;
        holds.clear();
        open = true;
        breachedThisCycle = false;
        acknowledgedAt = null;
        snoozeEnd = null;
    }

    private boolean isHeld() {
        return !holds.isEmpty() && holds.get(holds.size() - 1).isOngoing();
    }

    /** Every step of the current cycle whose point is at or before {@code elapsed}. */
    private List<Step> schedule(Duration elapsed) {
        List<Step> all = new ArrayList<>();
        Duration sla = sla();
        // Threshold n is the n-th to fall due: a fraction f of the SLA at f x SLA, a window w before the
        // deadline at SLA - w; equal points keep the order the policy lists them in.
        List<Duration> thresholds = new ArrayList<>();
        for (WarningThreshold threshold : policy.warningThresholds()) {
            thresholds.add(
                    threshold.when() instanceof Warning.AtFraction at
                            ? Duration.ofNanos(Math.round(sla.toNanos() * at.fraction()))
                            : sla.minus(((Warning.Before) threshold.when()).window()));
        }
        thresholds.sort(Comparator.naturalOrder());
        // A window longer than the task's SLA (a relative deadline may be short) warns at the start.
        thresholds.replaceAll(ReferenceModel::positive);
        for (int n = 1; n <= thresholds.size(); n++) {
            all.add(step(StepKind.WARNING, n, thresholds.get(n - 1)));
        }
        Duration reminderBase = thresholds.isEmpty() ? sla : thresholds.get(0);
        for (int k = 1;
                k <= policy.maxReminders()
                        && reminderBase
                                        .plus(policy.remindEvery().orElseThrow().multipliedBy(k))
                                        .compareTo(elapsed)
                                <= 0;
                k++) {
            all.add(step(
                    StepKind.REMINDER,
                    k,
                    reminderBase.plus(policy.remindEvery().orElseThrow().multipliedBy(k))));
        }
        for (EscalationLevel level : policy.levels()) {
            all.add(step(StepKind.ESCALATION, level.level(), sla.plus(level.afterDeadline())));
        }
        if (!policy.levels().isEmpty()) {
            Duration last =
                    sla.plus(policy.levels().get(policy.levels().size() - 1).afterDeadline());
            for (int k = 1;
                    k <= policy.maxReEscalations()
                            && last.plus(policy.reEscalateEvery().multipliedBy(k))
                                            .compareTo(elapsed)
                                    <= 0;
                    k++) {
                all.add(step(
                        StepKind.RE_ESCALATION,
                        k,
                        last.plus(policy.reEscalateEvery().multipliedBy(k))));
            }
        }
        return all.stream().filter(step -> step.point().compareTo(elapsed) <= 0).toList();
    }

    private Step step(StepKind kind, int ordinal, Duration point) {
        return new Step(taskId + "/" + cycle + "/" + kind + "/" + ordinal, kind, ordinal, point);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private record Step(String key, StepKind kind, int ordinal, Duration point) {
        /** Escalation beats re-escalation beats reminder beats warning. */
        int rank() {
            return switch (kind) {
                case ESCALATION -> 3;
                case RE_ESCALATION -> 2;
                case REMINDER -> 1;
                case WARNING -> 0;
            };
        }
    }
}
