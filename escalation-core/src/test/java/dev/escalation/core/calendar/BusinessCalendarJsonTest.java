package dev.escalation.core.calendar;

import static dev.escalation.core.calendar.Fixtures.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A plain ObjectMapper on purpose: hosts are not assumed to register the java.time module. */
class BusinessCalendarJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private final BusinessCalendar office = BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0))
            .weekdays(LocalTime.of(13, 0), LocalTime.of(17, 0))
            .workingHours(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.MAX)
            .holiday(LocalDate.of(2026, 12, 24), "Christmas Eve")
            .holiday(LocalDate.of(2026, 5, 15))
            .yearlyHoliday(MonthDay.of(1, 1), "New Year")
            .build();

    @Test
    void a_calendar_round_trips_through_a_plain_object_mapper() throws JsonProcessingException {
        String json = mapper.writeValueAsString(office);

        assertThat(mapper.readValue(json, BusinessCalendar.class)).isEqualTo(office);
    }

    @Test
    void a_calendar_is_written_with_string_values_only() throws JsonProcessingException {
        BusinessCalendar small = BusinessCalendar.builder(BERLIN)
                .workingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .workingHours(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.MAX)
                .holiday(LocalDate.of(2026, 12, 24), "Christmas Eve")
                .yearlyHoliday(MonthDay.of(1, 1), "New Year")
                .build();

        assertThat(mapper.writeValueAsString(small))
                .isEqualTo("{\"zone\":\"Europe/Berlin\","
                        + "\"working_hours\":{\"MONDAY\":[\"09:00-12:00\",\"13:00-24:00\"]},"
                        + "\"holidays\":{\"2026-12-24\":\"Christmas Eve\"},"
                        + "\"yearly_holidays\":{\"01-01\":\"New Year\"}}");
    }

    @Test
    void the_default_calendar_is_written_as_twenty_four_seven_in_utc() throws JsonProcessingException {
        assertThat(mapper.writeValueAsString(BusinessCalendar.twentyFourSeven()))
                .isEqualTo("{\"zone\":\"UTC\",\"twenty_four_seven\":true}");
    }

    @Test
    void the_default_calendar_round_trips() throws JsonProcessingException {
        String json = mapper.writeValueAsString(BusinessCalendar.twentyFourSeven());

        assertThat(mapper.readValue(json, BusinessCalendar.class)).isEqualTo(BusinessCalendar.twentyFourSeven());
    }

    @Test
    void a_twenty_four_seven_calendar_keeps_its_zone() throws JsonProcessingException {
        BusinessCalendar calendar =
                mapper.readValue("{\"zone\":\"Asia/Tokyo\",\"twenty_four_seven\":true}", BusinessCalendar.class);

        assertThat(calendar.isTwentyFourSeven()).isTrue();
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void hand_written_json_with_unnamed_holidays_is_read() throws JsonProcessingException {
        BusinessCalendar calendar = mapper.readValue(
                "{\"zone\":\"Europe/Berlin\","
                        + "\"working_hours\":{\"MONDAY\":[\"09:00-17:00\"]},\"holidays\":{\"2026-12-28\":null}}",
                BusinessCalendar.class);

        assertThat(calendar)
                .isEqualTo(BusinessCalendar.builder(BERLIN)
                        .workingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .holiday(LocalDate.of(2026, 12, 28))
                        .build());
    }

    @Test
    void an_unknown_zone_is_rejected_naming_it() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"Mars/Olympus\",\"twenty_four_seven\":true}", BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("zone 'Mars/Olympus' is not a valid time zone id");
    }

    @Test
    void a_missing_zone_is_rejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"twenty_four_seven\":true}", BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("zone must not be null");
    }

    @Test
    void an_invalid_time_is_rejected_naming_the_day_and_the_value() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\"," + "\"working_hours\":{\"MONDAY\":[\"09:00-25:00\"]}}",
                        BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("working_hours.MONDAY has an invalid time '25:00' in '09:00-25:00'");
    }

    @Test
    void a_range_without_a_dash_is_rejected_naming_the_value() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\"," + "\"working_hours\":{\"FRIDAY\":[\"09:00\"]}}", BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("working_hours.FRIDAY must look like 09:00-17:00 but was '09:00'");
    }

    @Test
    void a_range_ending_before_it_starts_is_rejected_naming_the_value() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\"," + "\"working_hours\":{\"FRIDAY\":[\"17:00-09:00\"]}}",
                        BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("working_hours.FRIDAY must end after it starts but was '17:00-09:00'");
    }

    @Test
    void an_unknown_day_is_rejected_naming_it() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\"," + "\"working_hours\":{\"Mon\":[\"09:00-17:00\"]}}",
                        BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("working_hours has an invalid day 'Mon'; expected MONDAY to SUNDAY");
    }

    @Test
    void an_invalid_holiday_date_is_rejected_naming_it() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\",\"working_hours\":{\"MONDAY\":[\"09:00-17:00\"]},"
                                + "\"holidays\":{\"2026-02-30\":\"nope\"}}",
                        BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("holidays has an invalid date '2026-02-30'");
    }

    @Test
    void an_invalid_yearly_holiday_is_rejected_naming_it() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\",\"working_hours\":{\"MONDAY\":[\"09:00-17:00\"]},"
                                + "\"yearly_holidays\":{\"13-01\":\"nope\"}}",
                        BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("yearly_holidays has an invalid month and day '13-01'");
    }

    @Test
    void twenty_four_seven_with_working_hours_is_rejected() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"zone\":\"UTC\",\"twenty_four_seven\":true,"
                                + "\"working_hours\":{\"MONDAY\":[\"09:00-17:00\"]}}",
                        BusinessCalendar.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("twenty_four_seven is true, so working_hours, holidays and yearly_holidays "
                        + "must be absent");
    }
}
