package dev.escalation.core.sla;

import dev.escalation.core.policy.EscalationLevel;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which steps are due, as a pure function of (policy, task, now).
 *
 * <p>Design: every step is a point on the task's SLA clock ({@link SlaTimeline}). The state the
 * task should be in now follows from how much SLA time has run; the difference to the state it is
 * in gives the due steps. A late run (the host's scheduler stalled) therefore lands directly in
 * the right state: of several due steps only the most advanced is notified, the others are audited
 * as skipped. Counters never go backwards, so a retroactive policy change cannot undo a step.
 */
final class StepPlanner {

    StepPlanner() {}

    SlaAssessment assess(SlaPolicy policy, WorkflowTask task, Instant now) {
        return plan(policy, task, now).assessment();
    }

    StepPlan plan(SlaPolicy policy, WorkflowTask task, Instant now) {
        // The task's own calendar and SLA: a policy may pick the calendar from the task and name its
        // deadline by business days (issue #20); both are plain values from here on.
        SlaTimeline timeline = new SlaTimeline(
                TimeAxis.of(policy.calendarFor(task)),
                task.slaStart(),
                policy.holdsPauseSla() ? task.holds() : List.of());
        Points points = new Points(policy, policy.slaFor(task));
        Duration elapsed = timeline.elapsed(now);
        EscalationState current = task.escalation();
        String id = task.id();
        int cycle = current.cycle();

        // An acknowledgement or a snooze keeps steps from firing, never moves them (issue #20).
        AttentionHold hold = AttentionHold.of(policy, current.attention(), now);
        boolean held = hold.ackHolding();
        int warnings = held ? current.warningsSent() : Math.max(current.warningsSent(), points.warningsBy(elapsed));
        boolean warnedNow = warnings > current.warningsSent();
        int reminders = hold.holdsReminders(now)
                ? current.remindersSent()
                : Math.max(current.remindersSent(), points.remindersBy(elapsed));
        int level = held
                ? current.level()
                : hold.level(
                        current.level(),
                        Math.max(current.level(), points.levelBy(elapsed)),
                        points.levels.size(),
                        reached(elapsed, points.sla));
        // ">=": a task may stand beyond the last level when its policy changed to a shorter chain.
        int reEscalations = held
                ? current.reEscalations()
                : hold.reEscalations(
                        current.level(),
                        current.reEscalations(),
                        Math.max(
                                current.reEscalations(),
                                level >= points.levels.size() ? points.reEscalationsBy(elapsed) : 0),
                        points.levels.size(),
                        points.maxReEscalations);

        // One range per kind, whatever the number of missed steps: the run's work stays constant.
        List<SkippedSteps> due = new ArrayList<>();
        addRange(due, id, cycle, StepKind.WARNING, current.warningsSent() + 1, warnings);
        addRange(due, id, cycle, StepKind.REMINDER, current.remindersSent() + 1, reminders);
        addRange(due, id, cycle, StepKind.ESCALATION, current.level() + 1, level);
        addRange(due, id, cycle, StepKind.RE_ESCALATION, current.reEscalations() + 1, reEscalations);
        Optional<StepKey> notified = mostAdvanced(due);
        List<SkippedSteps> skipped = new ArrayList<>();
        for (SkippedSteps range : due) {
            if (notified.isPresent() && range.last().equals(notified.get())) {
                if (range.count() > 1) {
                    StepKey before = new StepKey(
                            id, cycle, range.last().kind(), range.last().ordinal() - 1);
                    skipped.add(new SkippedSteps(range.first(), before));
                }
            } else {
                skipped.add(range);
            }
        }

        boolean breachedNow = !current.breached() && reached(elapsed, points.sla);
        Optional<Instant> nextCheck = task.isOnHold() || !task.status().isActive()
                ? Optional.empty()
                : held
                        ? AttentionHold.earliest(
                                hold.ackUntil(),
                                reached(elapsed, points.sla)
                                        ? Optional.empty()
                                        : Optional.of(timeline.instantAt(points.sla)))
                        : AttentionHold.earliest(
                                points.next(elapsed, warnings, level, reEscalations)
                                        .map(timeline::instantAt),
                                points.nextReminder(reminders)
                                        .map(timeline::instantAt)
                                        .map(hold::notBeforeSnoozeEnd));
        Instant deadline = timeline.instantAt(points.sla);
        Optional<Instant> warningAt = points.warning.map(timeline::instantAt);
        EscalationState state = new EscalationState(
                cycle,
                warnedNow && current.warnedAt().isEmpty() ? Optional.of(now) : current.warnedAt(),
                reminders,
                level,
                level > current.level() || reEscalations > current.reEscalations()
                        ? Optional.of(now)
                        : current.lastEscalatedAt(),
                reEscalations,
                breachedNow ? Optional.of(now) : current.breachedAt(),
                warningAt,
                Optional.of(deadline),
                nextCheck,
                Optional.of(policy.policyVersion()),
                hold.ackExpired() ? current.attention().acknowledgementEnded() : current.attention(),
                warnings);
        return new StepPlan(
                assess(points, elapsed, deadline, warningAt, nextCheck),
                notified,
                skipped,
                level > current.level() ? Optional.of(level) : Optional.empty(),
                breachedNow,
                state);
    }

    private SlaAssessment assess(
            Points points, Duration elapsed, Instant deadline, Optional<Instant> warningAt, Optional<Instant> next) {
        SlaStatus status = reached(elapsed, points.sla)
                ? SlaStatus.BREACHED
                : points.warning.isPresent() && reached(elapsed, points.warning.get())
                        ? SlaStatus.WARNING
                        : SlaStatus.OK;
        Duration remaining = reached(elapsed, points.sla) ? Duration.ZERO : points.sla.minus(elapsed);
        Duration overdue = reached(elapsed, points.sla) ? elapsed.minus(points.sla) : Duration.ZERO;
        return new SlaAssessment(status, deadline, warningAt, remaining, overdue, next);
    }

    /** Escalation beats re-escalation beats reminder beats warning; within a kind the highest ordinal wins. */
    private static Optional<StepKey> mostAdvanced(List<SkippedSteps> due) {
        StepKey best = null;
        for (SkippedSteps range : due) {
            StepKey step = range.last();
            if (best == null || rank(step.kind()) > rank(best.kind())) {
                best = step;
            }
        }
        return Optional.ofNullable(best);
    }

    private static void addRange(List<SkippedSteps> due, String id, int cycle, StepKind kind, int from, int to) {
        if (to >= from) {
            due.add(range(id, cycle, kind, from, to));
        }
    }

    private static SkippedSteps range(String id, int cycle, StepKind kind, int from, int to) {
        return new SkippedSteps(new StepKey(id, cycle, kind, from), new StepKey(id, cycle, kind, to));
    }

    private static int rank(StepKind kind) {
        return switch (kind) {
            case ESCALATION -> 3;
            case RE_ESCALATION -> 2;
            case REMINDER -> 1;
            case WARNING -> 0;
        };
    }

    private static Duration notNegative(Duration point) {
        return point.isNegative() ? Duration.ZERO : point;
    }

    private static boolean reached(Duration elapsed, Duration point) {
        return elapsed.compareTo(point) >= 0;
    }

    /** How many whole {@code unit}s fit into {@code span} (not negative; {@code unit} positive); {@link Duration#dividedBy(Duration)} computes it with BigDecimals. */
    private static long wholeMultiples(Duration span, Duration unit) {
        try {
            return span.toNanos() / unit.toNanos();
        } catch (ArithmeticException beyondLongNanos) {
            return span.dividedBy(unit);
        }
    }

    /** {@code unit * times}; {@link Duration#multipliedBy(long)} computes it with BigDecimals. */
    private static Duration multiple(Duration unit, long times) {
        try {
            return Duration.ofNanos(Math.multiplyExact(unit.toNanos(), times));
        } catch (ArithmeticException beyondLongNanos) {
            return unit.multipliedBy(times);
        }
    }

    /** The policy's steps as points of SLA time. */
    private static final class Points {
        final Duration sla;
        /** The earliest warning threshold: the task is in warning from here, and reminders count from here. */
        final Optional<Duration> warning;
        /** Every warning threshold's point, earliest first: threshold n is step {@code WARNING/n}. */
        final List<Duration> warnings = new ArrayList<>();

        final Duration reminderBase;
        final Optional<Duration> remindEvery;
        final int maxReminders;
        final List<Duration> levels = new ArrayList<>();
        final Duration reEscalateEvery;
        final int maxReEscalations;

        Points(SlaPolicy policy, Duration taskSla) {
            sla = taskSla;
            // A threshold before a relative deadline may lie before a short task's start: it warns at the start.
            policy.warningThresholds(taskSla)
                    .forEach(threshold -> warnings.add(notNegative(threshold.pointFor(taskSla))));
            warning = warnings.isEmpty() ? Optional.empty() : Optional.of(warnings.get(0));
            reminderBase = warning.orElse(sla);
            remindEvery = policy.remindEvery();
            maxReminders = policy.maxReminders();
            for (EscalationLevel level : policy.levels()) {
                levels.add(sla.plus(level.afterDeadline()));
            }
            reEscalateEvery = policy.reEscalateEvery();
            maxReEscalations = policy.maxReEscalations();
        }

        /** Thresholds are in order, so the reached ones are a prefix; a policy has few of them. */
        int warningsBy(Duration elapsed) {
            int reached = 0;
            while (reached < warnings.size() && reached(elapsed, warnings.get(reached))) {
                reached++;
            }
            return reached;
        }

        int remindersBy(Duration elapsed) {
            if (remindEvery.isEmpty() || elapsed.compareTo(reminderBase) < 0) {
                return 0;
            }
            return (int) Math.min(maxReminders, wholeMultiples(elapsed.minus(reminderBase), remindEvery.get()));
        }

        /** Levels are in order, so the count of reached ones is found by bisection. */
        int levelBy(Duration elapsed) {
            int low = 0;
            int high = levels.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (reached(elapsed, levels.get(middle))) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        int reEscalationsBy(Duration elapsed) {
            if (levels.isEmpty() || elapsed.compareTo(lastLevel()) < 0) {
                return 0;
            }
            return (int) Math.min(maxReEscalations, wholeMultiples(elapsed.minus(lastLevel()), reEscalateEvery));
        }

        /** The next reminder's point, given the reminders after this evaluation (apart: a snooze may hold it). */
        Optional<Duration> nextReminder(int reminders) {
            return remindEvery.isPresent() && reminders < maxReminders
                    ? Optional.of(reminderBase.plus(multiple(remindEvery.get(), reminders + 1L)))
                    : Optional.empty();
        }

        /** The earliest point not yet reached but the reminders', given the counters after this evaluation. */
        Optional<Duration> next(Duration elapsed, int warningsApplied, int level, int reEscalations) {
            // The deadline itself is a point even without a step there, so that breaches are seen on time.
            Duration next = reached(elapsed, sla) ? null : sla;
            if (warningsApplied < warnings.size() && !reached(elapsed, warnings.get(warningsApplied))) {
                next = earlier(next, warnings.get(warningsApplied));
            }
            if (level < levels.size()) {
                next = earlier(next, levels.get(level));
            } else if (!levels.isEmpty() && reEscalations < maxReEscalations) {
                next = earlier(next, lastLevel().plus(multiple(reEscalateEvery, reEscalations + 1L)));
            }
            return Optional.ofNullable(next);
        }

        private Duration lastLevel() {
            return levels.get(levels.size() - 1);
        }

        private static Duration earlier(Duration a, Duration b) {
            return a == null || b.compareTo(a) < 0 ? b : a;
        }
    }
}
