package dev.escalation.core.calendar;

import static dev.escalation.core.calendar.Fixtures.BERLIN;
import static dev.escalation.core.calendar.Fixtures.at;
import static dev.escalation.core.calendar.Fixtures.nineToFive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Worked examples of minus() and between(); 2026-01-09 is a Friday and 2026-01-12 a Monday. */
class BusinessCalendarMinusAndBetweenTest {

    private final BusinessCalendar office = nineToFive(BERLIN).build();

    @Test
    void deadline_monday_10_00_minus_2_business_hours_is_friday_16_00() {
        Instant warnAt = office.minus(at(BERLIN, "2026-01-12T10:00"), Duration.ofHours(2));

        assertThat(warnAt).isEqualTo(at(BERLIN, "2026-01-09T16:00"));
    }

    @Test
    void minus_a_whole_working_day_from_its_closing_time_is_its_opening_time() {
        Instant warnAt = office.minus(at(BERLIN, "2026-01-12T17:00"), Duration.ofHours(8));

        assertThat(warnAt).isEqualTo(at(BERLIN, "2026-01-12T09:00"));
    }

    @Test
    void minus_from_a_weekend_deadline_counts_back_from_friday_closing_time() {
        Instant warnAt = office.minus(at(BERLIN, "2026-01-10T12:00"), Duration.ofHours(2));

        assertThat(warnAt).isEqualTo(at(BERLIN, "2026-01-09T15:00"));
    }

    @Test
    void minus_zero_returns_the_end_even_outside_working_hours() {
        Instant saturday = at(BERLIN, "2026-01-10T12:00");

        assertThat(office.minus(saturday, Duration.ZERO)).isEqualTo(saturday);
    }

    @Test
    void minus_skips_a_holiday() {
        BusinessCalendar withHoliday =
                nineToFive(BERLIN).holiday(LocalDate.of(2026, 1, 9)).build();

        Instant warnAt = withHoliday.minus(at(BERLIN, "2026-01-12T10:00"), Duration.ofHours(2));

        assertThat(warnAt).isEqualTo(at(BERLIN, "2026-01-08T16:00"));
    }

    @Test
    void minus_thirty_business_days_spans_six_calendar_weeks_back() {
        Instant start = office.minus(at(BERLIN, "2026-02-20T17:00"), Duration.ofHours(8 * 30));

        assertThat(start).isEqualTo(at(BERLIN, "2026-01-12T09:00"));
    }

    @Test
    void between_friday_noon_and_monday_noon_is_8_business_hours() {
        Duration worked = office.between(at(BERLIN, "2026-01-09T12:00"), at(BERLIN, "2026-01-12T12:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void between_is_zero_when_to_is_not_after_from() {
        Instant monday = at(BERLIN, "2026-01-12T12:00");

        assertThat(office.between(monday, monday.minusSeconds(60))).isZero();
        assertThat(office.between(monday, monday)).isZero();
    }

    @Test
    void between_a_full_year_counts_every_working_day() {
        // 2026 has 261 weekdays.
        Duration worked = office.between(at(BERLIN, "2026-01-01T00:00"), at(BERLIN, "2027-01-01T00:00"));

        assertThat(worked).isEqualTo(Duration.ofHours(8L * 261));
    }
}
