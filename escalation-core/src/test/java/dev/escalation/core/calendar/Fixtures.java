package dev.escalation.core.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/** Calendars and instants shared by the example-based tests. Dates are chosen by weekday; see each constant. */
final class Fixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime NINE = LocalTime.of(9, 0);
    static final LocalTime FIVE_PM = LocalTime.of(17, 0);

    private Fixtures() {}

    /** Monday to Friday 09:00-17:00. */
    static BusinessCalendar.Builder nineToFive(ZoneId zone) {
        return BusinessCalendar.builder(zone).weekdays(NINE, FIVE_PM);
    }

    /** Only {@code day}, all of it: a calendar that is not 24/7, so DST arithmetic goes through the day walk. */
    static BusinessCalendar allDayOn(ZoneId zone, DayOfWeek day) {
        return BusinessCalendar.builder(zone)
                .workingHours(day, LocalTime.MIDNIGHT, LocalTime.MAX)
                .build();
    }

    /** The instant of a local date-time such as {@code "2026-01-09T17:00"} in {@code zone}. */
    static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
