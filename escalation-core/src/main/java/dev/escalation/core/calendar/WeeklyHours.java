package dev.escalation.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The validated working hours of each day of the week, as local time ranges sorted by start.
 */
final class WeeklyHours {

    private final Map<DayOfWeek, List<LocalRange>> byDay;
    private final Duration nominalWeek;

    private WeeklyHours(Map<DayOfWeek, List<LocalRange>> byDay, Duration nominalWeek) {
        this.byDay = byDay;
        this.nominalWeek = nominalWeek;
    }

    /**
     * Validates and freezes the ranges.
     *
     * @throws IllegalArgumentException if two ranges of a day overlap or no day has any range
     */
    static WeeklyHours of(Map<DayOfWeek, ? extends List<LocalRange>> ranges) {
        Map<DayOfWeek, List<LocalRange>> byDay = new EnumMap<>(DayOfWeek.class);
        Duration total = Duration.ZERO;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<LocalRange> given = ranges.get(day);
            List<LocalRange> sorted = given == null ? new ArrayList<>() : new ArrayList<>(given);
            Collections.sort(sorted);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                    throw new IllegalArgumentException(
                            "working hours on " + day + " overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
                }
            }
            for (LocalRange range : sorted) {
                total = total.plus(range.length());
            }
            byDay.put(day, List.copyOf(sorted));
        }
        if (total.isZero()) {
            throw new IllegalArgumentException(
                    "working hours must contain some working time, but no day of the week has any");
        }
        return new WeeklyHours(Collections.unmodifiableMap(byDay), total);
    }

    static WeeklyHours allDayEveryDay() {
        Map<DayOfWeek, List<LocalRange>> ranges = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            ranges.put(day, List.of(new LocalRange(0, LocalRange.END_OF_DAY)));
        }
        return of(ranges);
    }

    List<LocalRange> on(DayOfWeek day) {
        return byDay.get(day);
    }

    /** Working time of a week whose days all share one UTC offset and have no holiday. */
    Duration nominalWeek() {
        return nominalWeek;
    }

    boolean isAllDayEveryDay() {
        return nominalWeek.equals(Duration.ofDays(7));
    }

    /** Days in week order mapped to their ranges; days without working hours are left out. */
    Map<DayOfWeek, List<LocalRange>> asMap() {
        Map<DayOfWeek, List<LocalRange>> result = new EnumMap<>(DayOfWeek.class);
        byDay.forEach((day, ranges) -> {
            if (!ranges.isEmpty()) {
                result.put(day, ranges);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyHours other && byDay.equals(other.byDay);
    }

    @Override
    public int hashCode() {
        return byDay.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        asMap().forEach((day, ranges) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(day).append('=');
            for (int i = 0; i < ranges.size(); i++) {
                text.append(i == 0 ? "" : ",").append(ranges.get(i));
            }
        });
        return text.toString();
    }
}
