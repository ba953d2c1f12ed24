package dev.escalation.core.calendar;

import static dev.escalation.core.calendar.Fixtures.BERLIN;
import static dev.escalation.core.calendar.Fixtures.NEW_YORK;
import static dev.escalation.core.calendar.Fixtures.allDayOn;
import static dev.escalation.core.calendar.Fixtures.at;
import static dev.escalation.core.calendar.Fixtures.nineToFive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * DST days of 2026: Berlin springs forward on Sunday 29 March and falls back on Sunday 25 October;
 * New York on Sunday 8 March and Sunday 1 November.
 */
class BusinessCalendarDstTest {

    @Test
    void an_all_day_sunday_has_23_hours_when_berlin_springs_forward() {
        BusinessCalendar sundays = allDayOn(BERLIN, DayOfWeek.SUNDAY);

        Duration worked = sundays.between(at(BERLIN, "2026-03-28T12:00"), at(BERLIN, "2026-03-30T12:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void an_all_day_sunday_has_25_hours_when_berlin_falls_back() {
        BusinessCalendar sundays = allDayOn(BERLIN, DayOfWeek.SUNDAY);

        Duration worked = sundays.between(at(BERLIN, "2026-10-24T12:00"), at(BERLIN, "2026-10-26T12:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void an_all_day_sunday_has_23_hours_when_new_york_springs_forward() {
        BusinessCalendar sundays = allDayOn(NEW_YORK, DayOfWeek.SUNDAY);

        Duration worked = sundays.between(at(NEW_YORK, "2026-03-07T12:00"), at(NEW_YORK, "2026-03-09T12:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void an_all_day_sunday_has_25_hours_when_new_york_falls_back() {
        BusinessCalendar sundays = allDayOn(NEW_YORK, DayOfWeek.SUNDAY);

        Duration worked = sundays.between(at(NEW_YORK, "2026-10-31T12:00"), at(NEW_YORK, "2026-11-02T12:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void twenty_four_business_hours_from_the_start_of_a_spring_forward_sunday_end_at_monday_01_00() {
        BusinessCalendar weekend = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT, LocalTime.MAX)
                .workingHours(DayOfWeek.MONDAY, LocalTime.MIDNIGHT, LocalTime.MAX)
                .build();

        Instant deadline = weekend.plus(at(BERLIN, "2026-03-29T00:00"), Duration.ofHours(24));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-03-30T01:00"));
    }

    @Test
    void office_hours_in_berlin_do_not_shift_across_spring_forward() {
        BusinessCalendar office = nineToFive(BERLIN).build();

        Instant deadline = office.plus(at(BERLIN, "2026-03-27T17:00"), Duration.ofHours(8));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-03-30T17:00"));
    }

    @Test
    void office_hours_in_berlin_do_not_shift_across_fall_back() {
        BusinessCalendar office = nineToFive(BERLIN).build();

        Instant deadline = office.plus(at(BERLIN, "2026-10-23T17:00"), Duration.ofHours(8));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-10-26T17:00"));
    }

    @Test
    void office_hours_in_new_york_do_not_shift_across_spring_forward() {
        BusinessCalendar office = nineToFive(NEW_YORK).build();

        Instant warnAt = office.minus(at(NEW_YORK, "2026-03-09T10:00"), Duration.ofHours(2));

        assertThat(warnAt).isEqualTo(at(NEW_YORK, "2026-03-06T16:00"));
    }

    @Test
    void office_hours_in_new_york_do_not_shift_across_fall_back() {
        BusinessCalendar office = nineToFive(NEW_YORK).build();

        Duration worked = office.between(at(NEW_YORK, "2026-10-30T09:00"), at(NEW_YORK, "2026-11-02T17:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void working_hours_starting_in_the_spring_forward_gap_start_when_the_clock_resumes() {
        // 02:30 does not exist on that day; like ZonedDateTime.of it becomes 03:30.
        BusinessCalendar early = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(4, 0))
                .build();

        Duration worked = early.between(at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-30T00:00"));

        assertThat(worked).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void working_hours_over_the_repeated_fall_back_hour_count_it_twice() {
        BusinessCalendar early = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.SUNDAY, LocalTime.of(2, 0), LocalTime.of(3, 0))
                .build();

        Duration worked = early.between(at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-26T00:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void ranges_that_the_gap_makes_overlap_count_their_union_once() {
        // 02:30-02:45 becomes 03:30-03:45 and so lies inside 03:00-04:00.
        BusinessCalendar early = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(2, 45))
                .workingHours(DayOfWeek.SUNDAY, LocalTime.of(3, 0), LocalTime.of(4, 0))
                .build();

        Duration worked = early.between(at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-30T00:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(1));
    }
}
