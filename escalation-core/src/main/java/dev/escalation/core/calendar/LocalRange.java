package dev.escalation.core.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

/**
 * A half-open range {@code [start, end)} of local wall-clock time within one day.
 *
 * <p>Times are held as nanoseconds of the day so that the end can be 24:00 ({@link #END_OF_DAY}),
 * which {@link LocalTime} cannot represent.
 */
record LocalRange(long startNanos, long endNanos) implements Comparable<LocalRange> {

    static final long END_OF_DAY = Duration.ofDays(1).toNanos();

    LocalRange {
        if (startNanos < 0 || endNanos > END_OF_DAY || endNanos <= startNanos) {
            throw new IllegalArgumentException("range must satisfy 00:00 <= start < end <= 24:00 but was "
                    + format(startNanos) + "-" + format(endNanos));
        }
    }

    /**
     * Builds a range from builder arguments, where {@link LocalTime#MAX} as end means 24:00.
     */
    static LocalRange of(DayOfWeek day, LocalTime start, LocalTime end) {
        Args.notNull(day, "day");
        Args.notNull(start, "start");
        Args.notNull(end, "end");
        long startNanos = start.toNanoOfDay();
        long endNanos = end.equals(LocalTime.MAX) ? END_OF_DAY : end.toNanoOfDay();
        if (endNanos <= startNanos) {
            throw new IllegalArgumentException("working hours on " + day + " must end after they start, but start is "
                    + format(startNanos) + " and end is " + format(endNanos));
        }
        return new LocalRange(startNanos, endNanos);
    }

    /** Parses {@code "09:00-17:00"}; the end may be {@code "24:00"}. */
    static LocalRange parse(String field, String text) {
        Args.notNull(text, field);
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException(field + " must look like 09:00-17:00 but was '" + text + "'");
        }
        long start = parseTime(field, text, text.substring(0, dash).trim(), false);
        long end = parseTime(field, text, text.substring(dash + 1).trim(), true);
        if (end <= start) {
            throw new IllegalArgumentException(field + " must end after it starts but was '" + text + "'");
        }
        return new LocalRange(start, end);
    }

    private static long parseTime(String field, String whole, String time, boolean allowEndOfDay) {
        if (allowEndOfDay && time.equals("24:00")) {
            return END_OF_DAY;
        }
        try {
            return LocalTime.parse(time).toNanoOfDay();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " has an invalid time '" + time + "' in '" + whole + "'", e);
        }
    }

    Duration length() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    boolean endsAtMidnight() {
        return endNanos == END_OF_DAY;
    }

    LocalTime start() {
        return LocalTime.ofNanoOfDay(startNanos);
    }

    /** Only meaningful when {@link #endsAtMidnight()} is false. */
    LocalTime end() {
        return LocalTime.ofNanoOfDay(endNanos);
    }

    boolean overlaps(LocalRange other) {
        return startNanos < other.endNanos && other.startNanos < endNanos;
    }

    @Override
    public int compareTo(LocalRange other) {
        int byStart = Long.compare(startNanos, other.startNanos);
        return byStart != 0 ? byStart : Long.compare(endNanos, other.endNanos);
    }

    @Override
    public String toString() {
        return format(startNanos) + "-" + format(endNanos);
    }

    static String format(long nanoOfDay) {
        if (nanoOfDay == END_OF_DAY) {
            return "24:00";
        }
        // The compact constructor reports out-of-range values through here, so they must not throw.
        boolean inDay = nanoOfDay >= 0 && nanoOfDay < END_OF_DAY;
        return inDay ? LocalTime.ofNanoOfDay(nanoOfDay).toString() : nanoOfDay + "ns";
    }
}
