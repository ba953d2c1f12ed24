package dev.escalation.core.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Deadlines named by business days rather than business time (issue #20): "the close of business of
 * the Nth business day" and "the next business day at 10:00". A business day is a date in the
 * calendar's zone that has working time (a working weekday that is not a holiday); the days are
 * counted from the date of the start, which itself never counts, whatever its time of day.
 */
final class BusinessDays {

    /** The walk gives up after this many dates: a calendar whose holidays leave no working day for a century. */
    private static final int MOST_DAYS_WALKED = 36_500;

    private BusinessDays() {}

    static Instant closeOfBusinessDay(Timeline timeline, Instant start, int n) {
        LocalDate day = timeline.dayOf(start);
        int found = 0;
        for (int walked = 0; walked < MOST_DAYS_WALKED; walked++) {
            day = day.plusDays(1);
            List<Timeline.Span> spans = timeline.spansOn(day);
            if (!spans.isEmpty() && ++found == n) {
                return spans.get(spans.size() - 1).end();
            }
        }
        throw new DateTimeException("the calendar has fewer than " + n + " business days in the " + MOST_DAYS_WALKED
                + " days after " + start);
    }

    static Instant nextBusinessDayAt(Timeline timeline, ZoneId zone, Instant start, LocalTime time) {
        LocalDate day = timeline.dayOf(start);
        for (int walked = 0; walked < MOST_DAYS_WALKED; walked++) {
            day = day.plusDays(1);
            List<Timeline.Span> spans = timeline.spansOn(day);
            if (spans.isEmpty()) {
                continue;
            }
            // A time in a DST gap moves forward, as ZonedDateTime.of does.
            Instant at = ZonedDateTime.of(day, time, zone).toInstant();
            for (Timeline.Span span : spans) {
                if (at.isAfter(span.start()) && !at.isAfter(span.end())) {
                    return at;
                }
            }
            throw new DateTimeException(time + " on " + day + " (" + day.getDayOfWeek()
                    + ") is not within that day's working hours, so it cannot be a deadline counted in business time");
        }
        throw new DateTimeException(
                "the calendar has no business day in the " + MOST_DAYS_WALKED + " days after " + start);
    }

    /**
     * The first weekday with working hours none of whose intervals holds {@code time} after its opening and
     * at the latest at its closing; empty when every working weekday does.
     */
    static Optional<DayOfWeek> firstDayNotWorkingUpTo(WeeklyHours hours, LocalTime time) {
        for (DayOfWeek day : DayOfWeek.values()) {
            List<LocalRange> ranges = hours.on(day);
            if (ranges.isEmpty()) {
                continue;
            }
            boolean holds = false;
            for (LocalRange range : ranges) {
                holds |= time.isAfter(range.start()) && (range.endsAtMidnight() || !time.isAfter(range.end()));
            }
            if (!holds) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }
}
