package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;

/**
 * The checks of single policy values, shared by the builder and the value types it builds. Each
 * throws {@link InvalidPolicyException} with a message that names the subject and the value, such
 * as {@code "policy 'A': sla must be positive, but was PT0S"}.
 */
final class Checks {

    private Checks() {}

    static <T> T present(String subject, T value) {
        if (value == null) {
            throw new InvalidPolicyException(subject + " must not be null");
        }
        return value;
    }

    static String text(String subject, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidPolicyException(
                    subject + " must not be blank, but was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /** A duration from {@link SlaPolicy#MIN_DURATION} to {@link SlaPolicy#MAX_DURATION}. */
    static Duration duration(String subject, Duration value) {
        present(subject, value);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidPolicyException(subject + " must be positive, but was " + value);
        }
        if (value.compareTo(SlaPolicy.MIN_DURATION) < 0) {
            throw new InvalidPolicyException(
                    subject + " must be at least " + SlaPolicy.MIN_DURATION + ", but was " + value);
        }
        return atMostMax(subject, value);
    }

    /** A count from 0 to {@link SlaPolicy#MAX_COUNT}, or {@link SlaPolicy#UNLIMITED} where {@code unlimited} allows it. */
    static int count(String subject, int value, boolean unlimited) {
        notNegative(subject, value);
        if (value > SlaPolicy.MAX_COUNT && !(unlimited && value == SlaPolicy.UNLIMITED)) {
            throw new InvalidPolicyException(subject + " must be at most " + SlaPolicy.MAX_COUNT
                    + (unlimited ? " or SlaPolicy.UNLIMITED" : "") + ", but was " + value);
        }
        return value;
    }

    /**
     * How many weeks of {@code calendar} time {@code value} needs, which must be at most
     * {@link SlaPolicy#MAX_CALENDAR_WEEKS}: calendar arithmetic walks the weeks.
     */
    static Duration fitsCalendar(String subject, Duration value, BusinessCalendar calendar) {
        long weeks = calendarWeeks(value, calendar);
        if (weeks > SlaPolicy.MAX_CALENDAR_WEEKS) {
            throw new InvalidPolicyException(subject + " must need at most " + SlaPolicy.MAX_CALENDAR_WEEKS
                    + " weeks of a calendar with " + calendar.workingTimePerWeek() + " of working time a week,"
                    + " but was " + value + " (" + weeks + " weeks)");
        }
        return value;
    }

    /** Whole weeks, rounded up, that {@code value} of working time takes on {@code calendar}. */
    static long calendarWeeks(Duration value, BusinessCalendar calendar) {
        long perWeek = calendar.workingTimePerWeek().toSeconds();
        if (perWeek <= 0) {
            return Long.MAX_VALUE;
        }
        return (value.toSeconds() + perWeek - 1) / perWeek;
    }

    /** A delay of zero up to {@link SlaPolicy#MAX_DURATION}. */
    static Duration delay(String subject, Duration value) {
        present(subject, value);
        if (value.isNegative()) {
            throw new InvalidPolicyException(subject + " must not be negative, but was " + value);
        }
        return atMostMax(subject, value);
    }

    static int notNegative(String subject, int value) {
        if (value < 0) {
            throw new InvalidPolicyException(subject + " must not be negative, but was " + value);
        }
        return value;
    }

    static double fraction(String subject, double value) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidPolicyException(
                    subject + " must be a fraction strictly between 0 and 1, but was " + value);
        }
        return value;
    }

    private static Duration atMostMax(String subject, Duration value) {
        if (value.compareTo(SlaPolicy.MAX_DURATION) > 0) {
            throw new InvalidPolicyException(
                    subject + " must be at most " + SlaPolicy.MAX_DURATION + ", but was " + value);
        }
        return value;
    }
}
