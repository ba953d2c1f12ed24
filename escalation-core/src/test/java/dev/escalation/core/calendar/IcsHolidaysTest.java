package dev.escalation.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsHolidaysTest {

    /** Joins lines with CRLF, as RFC 5545 requires. */
    private static String ics(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void an_all_day_event_becomes_a_named_holiday() {
        List<Holiday> holidays = IcsHolidays.parse(ics(
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "BEGIN:VEVENT",
                "UID:1@example",
                "DTSTART;VALUE=DATE:20261225",
                "DTEND;VALUE=DATE:20261226",
                "SUMMARY:Christmas Day",
                "END:VEVENT",
                "END:VCALENDAR"));

        assertThat(holidays).containsExactly(Holiday.on(LocalDate.of(2026, 12, 25), "Christmas Day"));
    }

    @Test
    void an_event_without_dtend_lasts_one_day() {
        List<Holiday> holidays = IcsHolidays.parse(
                ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261003", "SUMMARY:Unity Day", "END:VEVENT"));

        assertThat(holidays).containsExactly(Holiday.on(LocalDate.of(2026, 10, 3), "Unity Day"));
    }

    @Test
    void a_multi_day_event_gives_every_date_before_its_exclusive_dtend() {
        List<Holiday> holidays = IcsHolidays.parse(ics(
                "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:20261224",
                "DTEND;VALUE=DATE:20261227",
                "SUMMARY:Christmas",
                "END:VEVENT"));

        assertThat(holidays)
                .extracting(Holiday::date)
                .containsExactly(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    }

    @Test
    void a_duration_in_days_sets_the_length_of_an_event() {
        List<Holiday> holidays =
                IcsHolidays.parse(ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260430", "DURATION:P2D", "END:VEVENT"));

        assertThat(holidays)
                .extracting(Holiday::date)
                .containsExactly(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1));
    }

    @Test
    void a_yearly_rrule_makes_a_yearly_holiday() {
        List<Holiday> holidays = IcsHolidays.parse(ics(
                "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:20260101",
                "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
                "SUMMARY:New Year",
                "END:VEVENT"));

        assertThat(holidays).containsExactly(new Holiday(LocalDate.of(2026, 1, 1), true, "New Year"));
    }

    @Test
    void folded_lines_are_joined_without_the_leading_space_or_tab() {
        List<Holiday> holidays = IcsHolidays.parse(ics(
                "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:2026",
                " 0501",
                "SUMMARY:Inter",
                "\tnational Workers",
                "  Day",
                "END:VEVENT"));

        assertThat(holidays).containsExactly(Holiday.on(LocalDate.of(2026, 5, 1), "International Workers Day"));
    }

    @Test
    void bare_newlines_work_as_well_as_crlf() {
        List<Holiday> holidays =
                IcsHolidays.parse("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261231\nSUMMARY:New Year's Eve\nEND:VEVENT\n");

        assertThat(holidays).containsExactly(Holiday.on(LocalDate.of(2026, 12, 31), "New Year's Eve"));
    }

    @Test
    void escaped_characters_in_the_summary_are_unescaped() {
        List<Holiday> holidays = IcsHolidays.parse(
                ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261226", "SUMMARY:St. Stephen\\, Boxing Day", "END:VEVENT"));

        assertThat(holidays).extracting(Holiday::name).containsExactly("St. Stephen, Boxing Day");
    }

    @Test
    void unknown_properties_and_nested_alarms_are_ignored() {
        List<Holiday> holidays = IcsHolidays.parse(ics(
                "BEGIN:VCALENDAR",
                "X-WR-CALNAME:Holidays",
                "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:20261101",
                "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
                "CATEGORIES:Holidays",
                "BEGIN:VALARM",
                "TRIGGER:-PT15M",
                "DTSTART:19700101T000000",
                "END:VALARM",
                "SUMMARY:All Saints",
                "END:VEVENT",
                "END:VCALENDAR"));

        assertThat(holidays).containsExactly(Holiday.on(LocalDate.of(2026, 11, 1), "All Saints"));
    }

    @Test
    void a_cancelled_event_is_not_a_holiday() {
        List<Holiday> holidays =
                IcsHolidays.parse(ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261101", "STATUS:CANCELLED", "END:VEVENT"));

        assertThat(holidays).isEmpty();
    }

    @Test
    void a_reader_is_parsed_like_a_string() throws IOException {
        List<Holiday> holidays =
                IcsHolidays.parse(new StringReader(ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "END:VEVENT")));

        assertThat(holidays).containsExactly(Holiday.on(LocalDate.of(2026, 12, 25)));
    }

    @Test
    void an_event_without_dtstart_is_rejected_naming_its_end_line() {
        String text = ics("BEGIN:VEVENT", "SUMMARY:Mystery", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3: VEVENT that begins at line 1 has no DTSTART: 'END:VEVENT'");
    }

    @Test
    void an_impossible_date_is_rejected_naming_line_and_value() {
        String text = ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260230", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: DTSTART is not a valid date in the form yyyymmdd: '20260230'");
    }

    @Test
    void a_garbled_dtend_is_rejected_naming_line_and_value() {
        String text = ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:2026-12-26", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3: DTEND is not a valid date in the form yyyymmdd: '2026-12-26'");
    }

    @Test
    void a_vevent_without_end_is_rejected_naming_its_begin_line() {
        String text = ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: BEGIN:VEVENT is never closed by END:VEVENT");
    }

    @Test
    void a_timed_event_is_rejected_because_it_is_not_an_all_day_holiday() {
        String text = ics("BEGIN:VEVENT", "DTSTART:20261225T090000Z", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: DTSTART is a date-time, but only all-day dates (VALUE=DATE) are supported:"
                        + " '20261225T090000Z'");
    }

    @Test
    void a_dtend_not_after_dtstart_is_rejected_naming_line_and_value() {
        String text = ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261225", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3: event must end after its DTSTART 2026-12-25: '2026-12-25'");
    }

    @Test
    void a_recurrence_other_than_plain_yearly_is_rejected_naming_line_and_value() {
        String text = ics(
                "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261126", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3: RRULE is not supported; only FREQ=YEARLY on the month and day of DTSTART is:"
                        + " 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH'");
    }

    @Test
    void an_end_without_begin_is_rejected_naming_the_line() {
        String text = ics("BEGIN:VCALENDAR", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: END:VEVENT without BEGIN:VEVENT: 'VEVENT'");
    }

    @Test
    void error_lines_count_physical_lines_including_folded_ones() {
        String text = ics("BEGIN:VEVENT", "SUMMARY:A long", " name", "DTSTART;VALUE=DATE:2026", " 9999", "END:VEVENT");

        assertThatThrownBy(() -> IcsHolidays.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 4: DTSTART is not a valid date in the form yyyymmdd: '20269999'");
    }

    @Test
    void parsed_holidays_feed_a_calendar() {
        List<Holiday> holidays =
                IcsHolidays.parse(ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260112", "SUMMARY:Team day", "END:VEVENT"));
        BusinessCalendar office =
                Fixtures.nineToFive(Fixtures.BERLIN).holidays(holidays).build();

        assertThat(office.isWorkingTime(Fixtures.at(Fixtures.BERLIN, "2026-01-12T12:00")))
                .isFalse();
    }
}
