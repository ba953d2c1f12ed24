package dev.escalation.core.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Working hours and holidays in one time zone, so that SLA durations can count business time.
 *
 * <p>Business time is real elapsed time inside working intervals. Working hours are local times in
 * {@link #zone()}, resolved per date; on a DST day an interval is as long as the clock says in
 * real time (00:00-24:00 on a spring-forward day in Europe/Berlin is 23 hours), and a local time in
 * a DST gap moves forward like {@link java.time.ZonedDateTime#of} does. Intervals are half-open:
 * 09:00-17:00 contains 09:00 but not 17:00. Holidays are dates in the calendar's zone.
 *
 * <pre>{@code
 * BusinessCalendar office = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
 *         .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
 *         .yearlyHoliday(MonthDay.of(12, 25), "Christmas Day")
 *         .build();
 * Instant deadline = office.plus(taskCreated, Duration.ofHours(16)); // two working days
 * Instant warnAt = office.minus(deadline, Duration.ofHours(2));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. They serialize to JSON with a plain Jackson
 * {@code ObjectMapper}, no java.time module needed; holiday names may be empty strings or null:
 * <pre>{@code
 * {"zone": "Europe/Berlin",
 *  "working_hours": {"MONDAY": ["09:00-12:00", "13:00-17:00"], "SATURDAY": ["20:00-24:00"]},
 *  "holidays": {"2026-12-24": "Christmas Eve"},
 *  "yearly_holidays": {"01-01": "New Year"}}
 * }</pre>
 * A calendar where every instant is working time is written as
 * {@code {"zone":"UTC","twenty_four_seven":true}}.
 */
public final class BusinessCalendar {

    private static final BusinessCalendar TWENTY_FOUR_SEVEN =
            new BusinessCalendar(ZoneId.of("UTC"), WeeklyHours.allDayEveryDay(), HolidaySet.of(List.of()));

    private final ZoneId zone;
    private final WeeklyHours hours;
    private final HolidaySet holidays;
    private final boolean twentyFourSeven;
    private final Timeline timeline;

    private BusinessCalendar(ZoneId zone, WeeklyHours hours, HolidaySet holidays) {
        this.zone = zone;
        this.hours = hours;
        this.holidays = holidays;
        this.twentyFourSeven = hours.isAllDayEveryDay() && holidays.isEmpty();
        this.timeline = new Timeline(zone, hours, holidays);
    }

    /**
     * The default calendar: every instant is working time, zone UTC, so business time is real time.
     *
     * @return the 24/7 calendar
     */
    public static BusinessCalendar twentyFourSeven() {
        return TWENTY_FOUR_SEVEN;
    }

    /**
     * Starts a calendar whose working hours and holidays are read in {@code zone}.
     *
     * @param zone the calendar's time zone
     * @return a new builder
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(Args.notNull(zone, "zone"));
    }

    /**
     * The zone in which working hours and holiday dates are read.
     *
     * @return the calendar's zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Whether every instant is working time: all days 00:00-24:00 and no holidays, whatever the zone.
     *
     * @return whether this calendar is 24/7
     */
    public boolean isTwentyFourSeven() {
        return twentyFourSeven;
    }

    /**
     * The working time of a week without holidays, by the clock on the wall (a DST change makes the
     * real time of one week differ). A policy uses it to refuse durations that would span more
     * than {@code SlaPolicy.MAX_DURATION} of calendar time.
     *
     * @return the nominal working time of one week, seven days for a 24/7 calendar
     */
    public Duration workingTimePerWeek() {
        return hours.nominalWeek();
    }

    /**
     * Whether {@code instant} lies inside working hours on a day that is not a holiday. Opening
     * times count as working time, closing times do not.
     *
     * @param instant the instant to check
     * @return whether it is working time
     */
    public boolean isWorkingTime(Instant instant) {
        Args.notNull(instant, "instant");
        return twentyFourSeven || timeline.isWorkingTime(instant);
    }

    /**
     * The earliest instant at which {@code businessTime} of working time has elapsed since {@code start}.
     * A deadline that uses up a working day exactly lands on that day's closing time, not on the
     * next opening time. {@code plus(s, Duration.ZERO)} is {@code s}, even outside working hours.
     *
     * @param start        where business time starts to count
     * @param businessTime how much working time must elapse, not negative
     * @return the instant at which it has elapsed
     * @throws IllegalArgumentException if {@code businessTime} is negative
     * @throws DateTimeException        if {@code start + businessTime} lies after {@link Instant#MAX}; the
     *                                  walk takes time in proportion to the calendar span, about 15 µs per
     *                                  year, so durations should stay within what an SLA can mean
     */
    public Instant plus(Instant start, Duration businessTime) {
        Args.notNull(start, "start");
        requireNotNegative(businessTime);
        // Business time never passes faster than real time, so this rejects overflow before the day walk.
        Instant earliestPossible = shift(start, businessTime, "start", "plus");
        return twentyFourSeven ? earliestPossible : timeline.plus(start, businessTime);
    }

    /**
     * The latest instant {@code w <= end} such that {@code between(w, end)} equals {@code businessTime},
     * for example when to warn two business hours before a deadline. If {@code end} lies outside
     * working hours, the working time between the last closing and {@code end} counts as zero.
     *
     * @param end          the instant to count back from
     * @param businessTime how much working time to count back, not negative
     * @return the latest such instant
     * @throws IllegalArgumentException if {@code businessTime} is negative
     * @throws DateTimeException        if {@code end - businessTime} lies before {@link Instant#MIN}
     */
    public Instant minus(Instant end, Duration businessTime) {
        Args.notNull(end, "end");
        requireNotNegative(businessTime);
        Instant latestPossible = shift(end, businessTime.negated(), "end", "minus");
        return twentyFourSeven ? latestPossible : timeline.minus(end, businessTime);
    }

    /**
     * The working time within {@code [from, to)}; {@link Duration#ZERO} when {@code to <= from}.
     *
     * @param from the start, inclusive
     * @param to   the end, exclusive
     * @return the working time between them
     */
    public Duration between(Instant from, Instant to) {
        Args.notNull(from, "from");
        Args.notNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        return twentyFourSeven ? Duration.between(from, to) : timeline.between(from, to);
    }

    /**
     * The close of business of the {@code n}th business day after the date of {@code start} (issue #20):
     * a business day is a date in {@link #zone()} with working time, and the start's own date never counts,
     * so from any time on a Friday {@code n = 1} is Monday's close when Monday is a working day. On a
     * calendar working until midnight the close is the next date's start.
     *
     * @param start the SLA start
     * @param n     how many business days, at least 1
     * @return the end of that day's last working interval
     * @throws IllegalArgumentException if {@code n} is below 1
     * @throws DateTimeException        if the calendar has fewer than {@code n} business days in the century after
     *                                  {@code start}
     */
    public Instant closeOfBusinessDay(Instant start, int n) {
        Args.notNull(start, "start");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1 but was " + n);
        }
        return BusinessDays.closeOfBusinessDay(timeline, start, n);
    }

    /**
     * {@code time} on the first business day after the date of {@code start}, in {@link #zone()} (issue #20);
     * a time in a DST gap moves forward, as {@link java.time.ZonedDateTime#of} does.
     *
     * @param start the SLA start
     * @param time  the local time of day
     * @return that instant
     * @throws DateTimeException if {@code time} lies outside that day's working hours (before or at an opening,
     *                           or after a closing), where business time could not reach it, or the calendar has no
     *                           business day in the century after {@code start}
     */
    public Instant nextBusinessDayAt(Instant start, LocalTime time) {
        Args.notNull(start, "start");
        Args.notNull(time, "time");
        return BusinessDays.nextBusinessDayAt(timeline, zone, start, time);
    }

    /**
     * The first weekday whose working hours do not hold {@code time}: none of its intervals opens before it and
     * closes at it or later. {@link #nextBusinessDayAt} needs such an interval on the day it lands on, so a
     * policy checks this once rather than failing for some tasks.
     *
     * @param time the local time of day
     * @return that weekday; empty when every weekday with working hours holds {@code time}
     */
    public Optional<DayOfWeek> firstWorkingDayNotWorkingAt(LocalTime time) {
        return BusinessDays.firstDayNotWorkingUpTo(hours, Args.notNull(time, "time"));
    }

    /** Instant arithmetic that reports overflow as DateTimeException, also where Instant throws ArithmeticException. */
    private static Instant shift(Instant instant, Duration amount, String field, String operation) {
        try {
            return instant.plus(amount);
        } catch (DateTimeException | ArithmeticException e) {
            throw new DateTimeException(
                    field + " " + instant + " " + operation + " " + amount.abs() + " lies outside the range of Instant",
                    e);
        }
    }

    private static void requireNotNegative(Duration businessTime) {
        Args.notNull(businessTime, "businessTime");
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("businessTime must not be negative but was " + businessTime);
        }
    }

    /**
     * {@return the calendar's zone, working hours and holidays (dated and yearly, with their names) as one
     * line of text, sorted, the same on every JVM: {@link dev.escalation.core.policy.SlaPolicy#version()}
     * fingerprints it}
     */
    public String canonicalText() {
        return toDefinition().toString();
    }

    WeeklyHours hours() {
        return hours;
    }

    HolidaySet holidays() {
        return holidays;
    }

    @JsonValue
    CalendarDefinition toDefinition() {
        return CalendarDefinition.of(this);
    }

    /**
     * Reads a calendar from its JSON shape as Jackson parses JSON without a target type (maps,
     * lists, strings, booleans): the form in which a policy definition meets its {@code calendar}.
     *
     * @param json the JSON text
     * @return the business calendar
     * @throws IllegalArgumentException naming the JSON field and the value that is invalid
     */
    public static BusinessCalendar fromJson(Map<?, ?> json) {
        return CalendarDefinition.read(json).toCalendar();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static BusinessCalendar fromDefinition(CalendarDefinition definition) {
        Args.notNull(definition, "calendar");
        return definition.toCalendar();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar other
                && zone.equals(other.zone)
                && hours.equals(other.hours)
                && holidays.equals(other.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, hours, holidays);
    }

    @Override
    public String toString() {
        if (twentyFourSeven) {
            return "BusinessCalendar[24/7, zone=" + zone + "]";
        }
        return "BusinessCalendar[zone=" + zone + ", " + hours + ", holidays="
                + holidays.dated().size() + ", yearlyHolidays="
                + holidays.yearly().size() + "]";
    }

    /**
     * Collects working hours and holidays; {@link #build()} validates them. Builders are not thread-safe.
     *
     * <p>Working hours end at 24:00 when {@code end} is {@link LocalTime#MAX}:
     * {@code workingHours(SATURDAY, LocalTime.MIDNIGHT, LocalTime.MAX)} is the whole of Saturday.
     */
    public static final class Builder {

        private final ZoneId zone;
        private final Map<DayOfWeek, List<LocalRange>> ranges = new EnumMap<>(DayOfWeek.class);
        private final List<Holiday> holidays = new ArrayList<>();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        /**
         * Adds working hours {@code [start, end)} on {@code day}; call again for more intervals on the
         * same day, such as 09:00-12:00 and 13:00-17:00. Pass {@link LocalTime#MAX} as end for 24:00.
         *
         * @param day   the day of the week
         * @param start when work starts, inclusive
         * @param end   when work ends, exclusive
         * @return this builder
         * @throws IllegalArgumentException if {@code end} is not after {@code start}
         */
        public Builder workingHours(DayOfWeek day, LocalTime start, LocalTime end) {
            return workingHours(day, LocalRange.of(day, start, end));
        }

        Builder workingHours(DayOfWeek day, LocalRange range) {
            ranges.computeIfAbsent(day, d -> new ArrayList<>()).add(range);
            return this;
        }

        /**
         * Adds the same working hours on Monday to Friday.
         *
         * @param start when work starts, inclusive
         * @param end   when work ends, exclusive
         * @return this builder
         */
        public Builder weekdays(LocalTime start, LocalTime end) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                    workingHours(day, start, end);
                }
            }
            return this;
        }

        /**
         * Adds a holiday without a name on one date.
         *
         * @param date the holiday's date
         * @return this builder
         */
        public Builder holiday(LocalDate date) {
            holidays.add(Holiday.on(date));
            return this;
        }

        /**
         * Adds a holiday on one date.
         *
         * @param date the holiday's date
         * @param name the holiday's name
         * @return this builder
         */
        public Builder holiday(LocalDate date, String name) {
            holidays.add(Holiday.on(date, name));
            return this;
        }

        /**
         * Adds a holiday on {@code day} of every year.
         *
         * @param day  the month and day
         * @param name the holiday's name
         * @return this builder
         */
        public Builder yearlyHoliday(MonthDay day, String name) {
            holidays.add(Holiday.yearly(day, name));
            return this;
        }

        /**
         * Adds holidays, for example those read by {@link IcsHolidays#parse(String)}.
         *
         * @param holidays the holidays to add
         * @return this builder
         */
        public Builder holidays(Collection<Holiday> holidays) {
            Args.notNull(holidays, "holidays");
            holidays.forEach(holiday -> this.holidays.add(Args.notNull(holiday, "holiday")));
            return this;
        }

        /**
         * Builds and validates the calendar.
         *
         * @return the calendar
         * @throws IllegalArgumentException if intervals on a day overlap, no day has working hours, or
         *                                  yearly holidays cover every day of the year
         */
        public BusinessCalendar build() {
            return new BusinessCalendar(zone, WeeklyHours.of(ranges), HolidaySet.of(holidays));
        }
    }
}
