package dev.escalation.core.sla;

import dev.escalation.core.task.Hold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task's SLA clock: counted time since the SLA start on a {@link TimeAxis}, minus the holds.
 * Every step of a policy is a point on this clock, so "is it due?" is a comparison of durations
 * and "when is it due?" is {@link #instantAt}.
 */
final class SlaTimeline {

    private final TimeAxis axis;
    private final Instant start;
    private final List<Hold> holds;

    SlaTimeline(TimeAxis axis, Instant start, List<Hold> holds) {
        this.axis = axis;
        this.start = start;
        this.holds = holds;
    }

    /** SLA time that has run from the start until {@code now}. */
    Duration elapsed(Instant now) {
        Duration total = axis.between(start, now);
        for (Hold hold : holds) {
            Instant from = max(hold.from(), start);
            Instant until = min(hold.until().orElse(now), now);
            total = total.minus(axis.between(from, until));
        }
        return total.isNegative() ? Duration.ZERO : total;
    }

    /**
     * The earliest instant at which {@code elapsed} of SLA time has run. An ongoing hold stops the
     * clock, so a point beyond it is only reached after resuming: then this returns the instant as
     * if the hold ended now-ish; callers do not schedule anything for held tasks.
     */
    Instant instantAt(Duration elapsed) {
        Instant cursor = start;
        Duration remaining = elapsed;
        for (Hold hold : holds) {
            Instant until = hold.until().orElse(Instant.MAX);
            if (!until.isAfter(cursor)) {
                continue;
            }
            Instant from = max(hold.from(), cursor);
            Duration segment = axis.between(cursor, from);
            if (segment.compareTo(remaining) >= 0) {
                return axis.plus(cursor, remaining);
            }
            if (until.equals(Instant.MAX)) {
                return Instant.MAX;
            }
            remaining = remaining.minus(segment);
            cursor = until;
        }
        return axis.plus(cursor, remaining);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
