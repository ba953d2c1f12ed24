package dev.escalation.core.calendar;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A day without working time, either on one date or on the same month and day every year.
 *
 * <p>For a yearly holiday only the month and day of {@code date} count; its year is kept as the
 * first occurrence that was known (for example the DTSTART of an iCalendar event) but does not
 * limit the years in which the holiday applies. A yearly holiday on 29 February applies in leap
 * years only.
 *
 * <pre>{@code
 * Holiday christmas = Holiday.yearly(MonthDay.of(12, 25), "Christmas Day");
 * Holiday bridgeDay = Holiday.on(LocalDate.of(2026, 5, 15), "Bridge day");
 * }</pre>
 *
 * @param date   the date of the holiday, or its first known occurrence when yearly
 * @param yearly whether the holiday recurs every year on the month and day of {@code date}
 * @param name   a human-readable name, empty when unknown; never null
 */
public record Holiday(LocalDate date, boolean yearly, String name) {

    /** Year used for yearly holidays created from a {@link MonthDay}; a leap year so that 02-29 is valid. */
    private static final int YEAR_OF_MONTH_DAY = 2000;

    /**
     * @param date   the date; for a yearly holiday only its month and day count
     * @param yearly whether the holiday falls on that month and day every year
     * @param name   the holiday's name, possibly empty
     * @throws IllegalArgumentException if {@code date} or {@code name} is null
     */
    public Holiday {
        Args.notNull(date, "date");
        Args.notNull(name, "name");
    }

    /**
     * A holiday on one date.
     *
     * @param date the date
     * @param name the holiday's name
     * @return the holiday
     */
    public static Holiday on(LocalDate date, String name) {
        return new Holiday(date, false, name);
    }

    /**
     * A holiday on one date, without a name.
     *
     * @param date the date
     * @return the holiday
     */
    public static Holiday on(LocalDate date) {
        return new Holiday(date, false, "");
    }

    /**
     * A holiday on {@code day} of every year.
     *
     * @param day  the month and day
     * @param name the holiday's name
     * @return the holiday
     */
    public static Holiday yearly(MonthDay day, String name) {
        Args.notNull(day, "day");
        return new Holiday(day.atYear(YEAR_OF_MONTH_DAY), true, name);
    }

    /**
     * The month and day on which the holiday falls.
     *
     * @return the holiday's month and day
     */
    public MonthDay monthDay() {
        return MonthDay.from(date);
    }

    /**
     * Whether the holiday falls on {@code day}.
     *
     * @param day the date to check
     * @return whether it is this holiday
     */
    public boolean fallsOn(LocalDate day) {
        return yearly
                ? day.getMonth() == date.getMonth() && day.getDayOfMonth() == date.getDayOfMonth()
                : day.equals(date);
    }
}
