package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/**
 * A deadline named by business days on the task's calendar instead of a duration (issue #20): "the end
 * of the 2nd business day" or "the next business day at 10:00", read in the calendar's zone.
 *
 * <pre>{@code
 * SlaPolicy.builder("Invoice Approval")
 *         .calendar(berlinOffice)
 *         .deadline(RelativeDeadline.endOfBusinessDay(2))   // instead of sla(...)
 *         .warnAt(0.75)
 *         .escalateTo(EscalationTarget.role("finance_lead"))
 *         .build();
 * }</pre>
 *
 * <p>Business days count from the date of the SLA start, which itself never counts: a task opened on a
 * Friday at any hour has {@code endOfBusinessDay(1)} on Monday's close. A task's SLA is then the business
 * time from its start to that instant, so warnings at a fraction of the SLA or a window before the
 * deadline, reminders and levels work as with a duration; holds push the deadline by the business time
 * they paused, as always.
 */
public sealed interface RelativeDeadline {

    /** The most business days a deadline may count, as many as a policy's other counts. */
    int MAX_BUSINESS_DAYS = SlaPolicy.MAX_COUNT;

    /**
     * The close of business of the {@code days}th business day after the date of the SLA start.
     *
     * @param days how many business days, 1 to {@link #MAX_BUSINESS_DAYS}
     * @return the deadline
     * @throws InvalidPolicyException when {@code days} is out of range
     */
    static RelativeDeadline endOfBusinessDay(int days) {
        return new EndOfBusinessDay(days);
    }

    /**
     * {@code time} on the first business day after the date of the SLA start.
     *
     * @param time the local time of day, whole minutes, after an opening and no later than a closing of
     *             every working day of the calendars the policy uses
     * @return the deadline
     * @throws InvalidPolicyException when {@code time} is null or has seconds
     */
    static RelativeDeadline nextBusinessDayAt(LocalTime time) {
        return new NextBusinessDayAt(time);
    }

    /**
     * The deadline of a task whose SLA starts at {@code start}, on {@code calendar}.
     *
     * @param start    the SLA start
     * @param calendar the task's calendar
     * @return the deadline
     * @throws java.time.DateTimeException when the calendar cannot place it (see {@link BusinessCalendar})
     */
    Instant after(Instant start, BusinessCalendar calendar);

    /**
     * The task's SLA: the business time from {@code start} to {@link #after}.
     *
     * @param start    the SLA start
     * @param calendar the task's calendar
     * @return the business time to the deadline
     */
    default Duration slaFrom(Instant start, BusinessCalendar calendar) {
        return calendar.between(start, after(start, calendar));
    }

    /**
     * The close of business of the {@code days}th business day after the SLA start's date.
     *
     * @param days how many business days, 1 to {@link #MAX_BUSINESS_DAYS}
     */
    record EndOfBusinessDay(int days) implements RelativeDeadline {
        /**
         * @param days how many business days
         * @throws InvalidPolicyException when out of range
         */
        public EndOfBusinessDay {
            if (days < 1 || days > MAX_BUSINESS_DAYS) {
                throw new InvalidPolicyException(
                        "endOfBusinessDay must count 1 to " + MAX_BUSINESS_DAYS + " business days, but was " + days);
            }
        }

        @Override
        public Instant after(Instant start, BusinessCalendar calendar) {
            return calendar.closeOfBusinessDay(start, days);
        }

        @Override
        public String toString() {
            return "end of business day " + days;
        }
    }

    /**
     * A time of day on the first business day after the SLA start's date.
     *
     * @param time the local time, whole minutes
     */
    record NextBusinessDayAt(LocalTime time) implements RelativeDeadline {
        /**
         * @param time the local time
         * @throws InvalidPolicyException when null or not whole minutes
         */
        public NextBusinessDayAt {
            if (time == null || time.getSecond() != 0 || time.getNano() != 0) {
                throw new InvalidPolicyException(
                        "nextBusinessDayAt must be a time of day in whole minutes, but was " + time);
            }
        }

        @Override
        public Instant after(Instant start, BusinessCalendar calendar) {
            return calendar.nextBusinessDayAt(start, time);
        }

        @Override
        public String toString() {
            return "next business day at " + time;
        }
    }
}
