package dev.escalation.core.preview;

import dev.escalation.core.Require;
import java.time.Duration;

/**
 * How far a policy change moves the deadlines of a group of tasks: later is positive, earlier
 * negative, in whole milliseconds. The median is exact (the lower middle of an even count).
 *
 * @param tasks  how many tasks had a deadline before and after the change, positive
 * @param min    the earliest shift
 * @param median the median shift
 * @param max    the latest shift
 */
public record ShiftSummary(long tasks, Duration min, Duration median, Duration max) {

    /**
     * Checks the components.
     *
     * @param tasks  how many tasks had a deadline before and after the change, positive
     * @param min    the earliest shift
     * @param median the median shift
     * @param max    the latest shift
     * @throws IllegalArgumentException when a component is missing, {@code tasks} is not positive or
     *     the shifts are out of order
     */
    public ShiftSummary {
        if (tasks <= 0) {
            throw new IllegalArgumentException("tasks must be positive, but was " + tasks);
        }
        Require.present("min", min);
        Require.present("median", median);
        Require.present("max", max);
        if (min.compareTo(median) > 0 || median.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "shifts must satisfy min <= median <= max, but were " + min + ", " + median + ", " + max);
        }
    }
}
