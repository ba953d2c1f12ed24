package dev.escalation.core.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The holidays of a calendar, keyed by date and by month-day so that lookups stay cheap when the
 * calendar walks day by day.
 */
final class HolidaySet {

    private static final MonthDay LEAP_DAY = MonthDay.of(2, 29);
    private static final int DAYS_IN_COMMON_YEAR = 365;

    private final NavigableMap<LocalDate, String> dated;
    private final SortedMap<MonthDay, String> yearly;
    // Lookup copies without boxing or allocation, because the calendar asks for every day it walks over.
    private final long[] datedEpochDays;
    private final boolean[] yearlyByMonthDay = new boolean[13 * 32];

    private HolidaySet(NavigableMap<LocalDate, String> dated, SortedMap<MonthDay, String> yearly) {
        this.dated = dated;
        this.yearly = yearly;
        this.datedEpochDays =
                dated.keySet().stream().mapToLong(LocalDate::toEpochDay).toArray();
        yearly.keySet().forEach(day -> yearlyByMonthDay[index(day.getMonthValue(), day.getDayOfMonth())] = true);
    }

    private static int index(int month, int dayOfMonth) {
        return month * 32 + dayOfMonth;
    }

    /**
     * When a date occurs twice, the first name given wins, so that merging several sources stays predictable.
     *
     * @throws IllegalArgumentException if the yearly holidays leave no day of a common year to work on
     */
    static HolidaySet of(Collection<Holiday> holidays) {
        NavigableMap<LocalDate, String> dated = new TreeMap<>();
        SortedMap<MonthDay, String> yearly = new TreeMap<>();
        for (Holiday holiday : holidays) {
            Args.notNull(holiday, "holiday");
            if (holiday.yearly()) {
                yearly.putIfAbsent(holiday.monthDay(), holiday.name());
            } else {
                dated.putIfAbsent(holiday.date(), holiday.name());
            }
        }
        // Without this check plus() would search forever for working time that never comes.
        long commonDays =
                yearly.keySet().stream().filter(day -> !day.equals(LEAP_DAY)).count();
        if (commonDays >= DAYS_IN_COMMON_YEAR) {
            throw new IllegalArgumentException(
                    "yearly holidays cover all " + commonDays + " days of the year, so no working time is left");
        }
        return new HolidaySet(Collections.unmodifiableNavigableMap(dated), Collections.unmodifiableSortedMap(yearly));
    }

    boolean contains(LocalDate date) {
        return yearlyByMonthDay[index(date.getMonthValue(), date.getDayOfMonth())]
                || Arrays.binarySearch(datedEpochDays, date.toEpochDay()) >= 0;
    }

    /** Whether none of the {@code days} days starting at {@code first} is a holiday. */
    boolean noneIn(LocalDate first, int days) {
        long firstDay = first.toEpochDay();
        int next = Arrays.binarySearch(datedEpochDays, firstDay);
        if (next >= 0 || (-next - 1 < datedEpochDays.length && datedEpochDays[-next - 1] < firstDay + days)) {
            return false;
        }
        if (!yearly.isEmpty()) {
            for (LocalDate day = first; day.toEpochDay() < firstDay + days; day = day.plusDays(1)) {
                if (yearlyByMonthDay[index(day.getMonthValue(), day.getDayOfMonth())]) {
                    return false;
                }
            }
        }
        return true;
    }

    boolean isEmpty() {
        return dated.isEmpty() && yearly.isEmpty();
    }

    /** Dated holidays in date order, mapped to their names. */
    NavigableMap<LocalDate, String> dated() {
        return dated;
    }

    /** Yearly holidays in month-day order, mapped to their names. */
    SortedMap<MonthDay, String> yearly() {
        return yearly;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HolidaySet other && dated.equals(other.dated) && yearly.equals(other.yearly);
    }

    @Override
    public int hashCode() {
        return 31 * dated.hashCode() + yearly.hashCode();
    }
}
