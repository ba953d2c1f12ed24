package dev.escalation.core.calendar;

import static dev.escalation.core.calendar.Fixtures.BERLIN;
import static dev.escalation.core.calendar.Fixtures.at;
import static dev.escalation.core.calendar.Fixtures.nineToFive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarValidationTest {

    @Test
    void working_hours_ending_before_they_start_are_rejected_naming_day_and_times() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(BERLIN);

        assertThatThrownBy(() -> builder.workingHours(DayOfWeek.MONDAY, LocalTime.of(17, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("working hours on MONDAY must end after they start, but start is 17:00 and end is 09:00");
    }

    @Test
    void working_hours_ending_when_they_start_are_rejected() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(BERLIN);

        assertThatThrownBy(() -> builder.workingHours(DayOfWeek.FRIDAY, LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("working hours on FRIDAY must end after they start, but start is 12:00 and end is 12:00");
    }

    @Test
    void overlapping_working_hours_on_one_day_are_rejected_naming_both_intervals() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .workingHours(DayOfWeek.TUESDAY, LocalTime.of(11, 0), LocalTime.of(13, 0));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("working hours on TUESDAY overlap: 09:00-12:00 and 11:00-13:00");
    }

    @Test
    void touching_working_hours_are_allowed() {
        BusinessCalendar calendar = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .workingHours(DayOfWeek.TUESDAY, LocalTime.of(12, 0), LocalTime.of(13, 0))
                .build();

        assertThat(calendar.between(at(BERLIN, "2026-01-13T00:00"), at(BERLIN, "2026-01-14T00:00")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void a_calendar_without_working_hours_is_rejected() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(BERLIN).holiday(LocalDate.of(2026, 1, 1));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("working hours must contain some working time, but no day of the week has any");
    }

    @Test
    void yearly_holidays_on_every_day_of_the_year_are_rejected() {
        List<Holiday> everyDay = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            everyDay.add(Holiday.yearly(MonthDay.from(day), "closed"));
        }
        BusinessCalendar.Builder builder = nineToFive(BERLIN).holidays(everyDay);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yearly holidays cover all 365 days of the year, so no working time is left");
    }

    @Test
    void a_negative_duration_is_rejected_by_plus_naming_the_value() {
        BusinessCalendar office = nineToFive(BERLIN).build();

        assertThatThrownBy(() -> office.plus(at(BERLIN, "2026-01-12T09:00"), Duration.ofMinutes(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("businessTime must not be negative but was PT-5M");
    }

    @Test
    void a_negative_duration_is_rejected_by_minus_naming_the_value() {
        BusinessCalendar office = nineToFive(BERLIN).build();

        assertThatThrownBy(() -> office.minus(at(BERLIN, "2026-01-12T09:00"), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("businessTime must not be negative but was PT-1H");
    }

    @Test
    void a_deadline_beyond_the_range_of_instant_is_rejected_without_walking_there() {
        BusinessCalendar office = nineToFive(BERLIN).build();

        assertThatThrownBy(() -> office.plus(at(BERLIN, "2026-01-12T09:00"), Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(DateTimeException.class)
                .hasMessageStartingWith("start 2026-01-12T08:00:00Z plus PT2562047788015215H30M7S lies outside");
    }

    @Test
    void a_warning_before_the_range_of_instant_is_rejected() {
        BusinessCalendar office = nineToFive(BERLIN).build();

        assertThatThrownBy(() -> office.minus(Instant.MIN.plusSeconds(60), Duration.ofMinutes(2)))
                .isInstanceOf(DateTimeException.class)
                .hasMessageContaining("minus PT2M lies outside the range of Instant");
    }

    @Test
    void a_missing_zone_is_rejected() {
        assertThatThrownBy(() -> BusinessCalendar.builder(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zone must not be null");
    }

    @Test
    void a_holiday_without_a_name_is_rejected() {
        assertThatThrownBy(() -> new Holiday(LocalDate.of(2026, 1, 1), false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be null");
    }

    @Test
    void calendars_with_the_same_hours_and_holidays_are_equal() {
        BusinessCalendar one =
                nineToFive(BERLIN).holiday(LocalDate.of(2026, 1, 1), "New Year").build();
        BusinessCalendar two =
                nineToFive(BERLIN).holiday(LocalDate.of(2026, 1, 1), "New Year").build();

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    }

    @Test
    void calendars_in_different_zones_are_not_equal() {
        BusinessCalendar berlin = nineToFive(BERLIN).build();
        BusinessCalendar paris = nineToFive(ZoneId.of("Europe/Paris")).build();

        assertThat(berlin).isNotEqualTo(paris);
    }

    @Test
    void an_all_day_every_day_calendar_without_holidays_is_twenty_four_seven() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(BERLIN);
        for (DayOfWeek day : DayOfWeek.values()) {
            builder.workingHours(day, LocalTime.MIDNIGHT, LocalTime.MAX);
        }

        assertThat(builder.build().isTwentyFourSeven()).isTrue();
    }

    @Test
    void the_default_calendar_is_twenty_four_seven_in_utc() {
        BusinessCalendar calendar = BusinessCalendar.twentyFourSeven();

        assertThat(calendar.isTwentyFourSeven()).isTrue();
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void to_string_shows_zone_hours_and_holiday_counts() {
        BusinessCalendar office = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .workingHours(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.MAX)
                .holiday(LocalDate.of(2026, 1, 12))
                .build();

        assertThat(office)
                .hasToString(
                        "BusinessCalendar[zone=Europe/Berlin, MONDAY=09:00-12:00,13:00-24:00, holidays=1, yearlyHolidays=0]");
    }
}
