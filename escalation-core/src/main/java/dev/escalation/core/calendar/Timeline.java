package dev.escalation.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Business-time arithmetic over working hours and holidays in one zone.
 *
 * <p>Walks calendar days, not minutes. A week with no holiday and no offset change holds exactly
 * the nominal weekly working time, so such weeks are skipped in one step; that keeps long
 * durations cheap without caching anything per date.
 */
final class Timeline {

    private static final int WEEK = 7;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long NANOS_PER_SECOND = 1_000_000_000;

    /** Working time as real instants, half-open {@code [start, end)}. */
    record Span(Instant start, Instant end) {}

    private final ZoneId zone;
    private final ZoneRules rules;
    private final WeeklyHours hours;
    private final HolidaySet holidays;
    private final ZoneOffset fixedOffset;

    Timeline(ZoneId zone, WeeklyHours hours, HolidaySet holidays) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.hours = hours;
        this.holidays = holidays;
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    }

    boolean isWorkingTime(Instant instant) {
        for (Span span : spansOn(dayOf(instant))) {
            if (!instant.isBefore(span.start) && instant.isBefore(span.end)) {
                return true;
            }
        }
        return false;
    }

    Instant plus(Instant start, Duration amount) {
        if (amount.isZero()) {
            return start;
        }
        Duration remaining = amount;
        Duration week = hours.nominalWeek();
        LocalDate day = dayOf(start);
        while (true) {
            if (remaining.compareTo(week) > 0) {
                Span plain = plainWeek(day);
                if (plain != null && !start.isAfter(plain.start)) {
                    remaining = remaining.minus(week);
                    day = day.plusDays(WEEK);
                    continue;
                }
            }
            for (Span span : spansOn(day)) {
                if (!span.end.isAfter(start)) {
                    continue;
                }
                Instant from = max(span.start, start);
                Duration available = Duration.between(from, span.end);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
            day = day.plusDays(1);
        }
    }

    Instant minus(Instant end, Duration amount) {
        if (amount.isZero()) {
            // Any earlier instant in a non-working gap also gives zero; the latest one is end itself.
            return end;
        }
        Duration remaining = amount;
        Duration week = hours.nominalWeek();
        LocalDate day = dayOf(end);
        while (true) {
            if (remaining.compareTo(week) > 0) {
                Span plain = plainWeek(day.minusDays(WEEK - 1));
                if (plain != null && !plain.end.isAfter(end)) {
                    remaining = remaining.minus(week);
                    day = day.minusDays(WEEK);
                    continue;
                }
            }
            List<Span> spans = spansOn(day);
            for (int i = spans.size() - 1; i >= 0; i--) {
                Span span = spans.get(i);
                if (!span.start.isBefore(end)) {
                    continue;
                }
                Instant to = min(span.end, end);
                Duration available = Duration.between(span.start, to);
                if (remaining.compareTo(available) <= 0) {
                    return to.minus(remaining);
                }
                remaining = remaining.minus(available);
            }
            day = day.minusDays(1);
        }
    }

    Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDate day = dayOf(from);
        LocalDate last = dayOf(to);
        while (!day.isAfter(last)) {
            // A week ending before the last day's start also ends before `to`.
            if (day.plusDays(WEEK - 1).isBefore(last)) {
                Span plain = plainWeek(day);
                if (plain != null && !plain.start.isBefore(from)) {
                    total = total.plus(hours.nominalWeek());
                    day = day.plusDays(WEEK);
                    continue;
                }
            }
            for (Span span : spansOn(day)) {
                Instant a = max(span.start, from);
                Instant b = min(span.end, to);
                if (a.isBefore(b)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
            day = day.plusDays(1);
        }
        return total;
    }

    /**
     * The working time of one date, sorted and disjoint, always inside that date's own day.
     *
     * <p>Local times are resolved like {@link ZonedDateTime#of}: a time in a DST gap moves forward
     * by the gap's length, one in an overlap takes the earlier offset. Around a gap that can reorder
     * or overlap ranges, so they are merged into the union of the instants they cover.
     */
    List<Span> spansOn(LocalDate date) {
        List<LocalRange> ranges = hours.on(date.getDayOfWeek());
        if (ranges.isEmpty() || holidays.contains(date)) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>(ranges.size());
        ZoneOffset offset = singleOffset(date, 1);
        if (offset != null) {
            // One offset all day: plain arithmetic, which is much cheaper than resolving each local time.
            long midnight = localMidnight(date, offset);
            for (LocalRange range : ranges) {
                spans.add(new Span(at(midnight, range.startNanos()), at(midnight, range.endNanos())));
            }
            return spans;
        }
        Instant dayStart = dayStart(date);
        Instant dayEnd = dayStart(date.plusDays(1));
        boolean ordered = true;
        for (LocalRange range : ranges) {
            Instant start =
                    max(dayStart, ZonedDateTime.of(date, range.start(), zone).toInstant());
            Instant end = range.endsAtMidnight()
                    ? dayEnd
                    : min(dayEnd, ZonedDateTime.of(date, range.end(), zone).toInstant());
            if (start.isBefore(end)) {
                ordered &= spans.isEmpty() || !start.isBefore(spans.get(spans.size() - 1).end);
                spans.add(new Span(start, end));
            }
        }
        return ordered ? spans : union(spans);
    }

    private static List<Span> union(List<Span> spans) {
        spans.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>(spans.size());
        for (Span span : spans) {
            Span previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && !span.start.isAfter(previous.end)) {
                merged.set(merged.size() - 1, new Span(previous.start, max(previous.end, span.end)));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /**
     * The bounds of the seven days from {@code first} if they hold exactly the nominal weekly
     * working time, that is without holidays and with one UTC offset throughout; otherwise null.
     */
    private Span plainWeek(LocalDate first) {
        if (!holidays.noneIn(first, WEEK)) {
            return null;
        }
        ZoneOffset offset = singleOffset(first, WEEK);
        if (offset == null) {
            return null;
        }
        long midnight = localMidnight(first, offset);
        return new Span(Instant.ofEpochSecond(midnight), Instant.ofEpochSecond(midnight + WEEK * SECONDS_PER_DAY));
    }

    /**
     * The UTC offset in force throughout the {@code days} days from {@code first}, or null if an
     * offset change falls within them or on either bound. A change exactly at the start (a gap at
     * midnight) moves the first day's early hours, and one exactly at the end may repeat the last
     * evening (fall-back at midnight), so both count.
     */
    private ZoneOffset singleOffset(LocalDate first, int days) {
        if (fixedOffset != null) {
            return fixedOffset;
        }
        long localStart = first.toEpochDay() * SECONDS_PER_DAY;
        // Reading local midnight as if it were UTC lands within a day of the real midnight, close enough to guess.
        ZoneOffset guess = rules.getOffset(Instant.ofEpochSecond(localStart));
        long start = localStart - guess.getTotalSeconds();
        long end = start + days * SECONDS_PER_DAY;
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(start - 1));
        if (next != null && next.toEpochSecond() <= end) {
            return null;
        }
        return rules.getOffset(Instant.ofEpochSecond(start)).equals(guess) ? guess : null;
    }

    private static long localMidnight(LocalDate date, ZoneOffset offset) {
        return date.toEpochDay() * SECONDS_PER_DAY - offset.getTotalSeconds();
    }

    private static Instant at(long epochSecond, long nanoOfDay) {
        return Instant.ofEpochSecond(epochSecond + nanoOfDay / NANOS_PER_SECOND, nanoOfDay % NANOS_PER_SECOND);
    }

    /**
     * The date whose day, from its start to the next date's start, contains {@code instant}. That is
     * the instant's local date except in the rare zones whose fall-back repeats the evening across
     * midnight: the second pass of that evening lies after the next date has started.
     */
    LocalDate dayOf(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        if (fixedOffset == null && !instant.isBefore(dayStart(date.plusDays(1)))) {
            return date.plusDays(1);
        }
        return date;
    }

    private Instant dayStart(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
