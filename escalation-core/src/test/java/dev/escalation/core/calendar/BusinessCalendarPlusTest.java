package dev.escalation.core.calendar;

import static dev.escalation.core.calendar.Fixtures.BERLIN;
import static dev.escalation.core.calendar.Fixtures.at;
import static dev.escalation.core.calendar.Fixtures.nineToFive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

/** Worked examples of plus(); January 2026 in Berlin, where 2026-01-09 is a Friday and 2026-01-12 a Monday. */
class BusinessCalendarPlusTest {

    private final BusinessCalendar office = nineToFive(BERLIN).build();

    @Test
    void friday_17_00_plus_8_business_hours_is_monday_17_00() {
        Instant deadline = office.plus(at(BERLIN, "2026-01-09T17:00"), Duration.ofHours(8));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-12T17:00"));
    }

    @Test
    void a_holiday_on_monday_pushes_friday_17_00_plus_8_hours_to_tuesday_17_00() {
        BusinessCalendar withHoliday = nineToFive(BERLIN)
                .holiday(LocalDate.of(2026, 1, 12), "Team day")
                .build();

        Instant deadline = withHoliday.plus(at(BERLIN, "2026-01-09T17:00"), Duration.ofHours(8));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-13T17:00"));
    }

    @Test
    void a_yearly_holiday_is_skipped_in_every_year() {
        BusinessCalendar withNewYear =
                nineToFive(BERLIN).yearlyHoliday(MonthDay.of(1, 1), "New Year").build();

        Instant in2026 = withNewYear.plus(at(BERLIN, "2025-12-31T16:00"), Duration.ofHours(2));
        Instant in2027 = withNewYear.plus(at(BERLIN, "2026-12-31T16:00"), Duration.ofHours(2));

        assertThat(in2026).isEqualTo(at(BERLIN, "2026-01-02T10:00"));
        assertThat(in2027).isEqualTo(at(BERLIN, "2027-01-04T10:00"));
    }

    @Test
    void the_lunch_break_does_not_count_as_business_time() {
        BusinessCalendar withLunch = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0))
                .weekdays(LocalTime.of(13, 0), LocalTime.of(17, 0))
                .build();

        Instant deadline = withLunch.plus(at(BERLIN, "2026-01-12T11:00"), Duration.ofHours(2));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-12T14:00"));
    }

    @Test
    void a_deadline_that_uses_up_the_morning_lands_on_the_start_of_lunch() {
        BusinessCalendar withLunch = BusinessCalendar.builder(BERLIN)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0))
                .weekdays(LocalTime.of(13, 0), LocalTime.of(17, 0))
                .build();

        Instant deadline = withLunch.plus(at(BERLIN, "2026-01-12T09:00"), Duration.ofHours(3));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-12T12:00"));
    }

    @Test
    void saturday_10_00_plus_1_hour_is_monday_10_00() {
        Instant deadline = office.plus(at(BERLIN, "2026-01-10T10:00"), Duration.ofHours(1));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-12T10:00"));
    }

    @Test
    void plus_zero_returns_the_start_even_outside_working_hours() {
        Instant saturday = at(BERLIN, "2026-01-10T10:00");

        assertThat(office.plus(saturday, Duration.ZERO)).isEqualTo(saturday);
    }

    @Test
    void thirty_business_days_span_six_calendar_weeks() {
        Instant deadline = office.plus(at(BERLIN, "2026-01-12T09:00"), Duration.ofHours(8 * 30));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-02-20T17:00"));
    }

    @Test
    void business_time_keeps_nanosecond_precision() {
        Instant start = at(BERLIN, "2026-01-12T16:59:59.999999999");

        Instant deadline = office.plus(start, Duration.ofNanos(2));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-13T09:00:00.000000001"));
    }

    @Test
    void local_time_max_as_end_means_working_until_midnight() {
        BusinessCalendar saturdays = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.SATURDAY, LocalTime.of(20, 0), LocalTime.MAX)
                .build();

        Instant deadline = saturdays.plus(at(BERLIN, "2026-01-10T20:00"), Duration.ofHours(4));

        assertThat(deadline).isEqualTo(at(BERLIN, "2026-01-11T00:00"));
    }

    @Test
    void the_default_calendar_counts_real_time() {
        Instant saturday = at(BERLIN, "2026-01-10T10:00");

        assertThat(BusinessCalendar.twentyFourSeven().plus(saturday, Duration.ofHours(30)))
                .isEqualTo(saturday.plus(Duration.ofHours(30)));
    }

    @Test
    void working_hours_start_is_working_time_and_end_is_not() {
        assertThat(office.isWorkingTime(at(BERLIN, "2026-01-12T09:00"))).isTrue();
        assertThat(office.isWorkingTime(at(BERLIN, "2026-01-12T17:00"))).isFalse();
    }

    @Test
    void a_holiday_has_no_working_time() {
        BusinessCalendar withHoliday =
                nineToFive(BERLIN).holiday(LocalDate.of(2026, 1, 12)).build();

        assertThat(withHoliday.isWorkingTime(at(BERLIN, "2026-01-12T12:00"))).isFalse();
    }
}
