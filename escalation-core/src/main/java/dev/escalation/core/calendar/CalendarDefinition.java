package dev.escalation.core.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a {@link BusinessCalendar}. Every value is a string so that hosts need no
 * java.time module on their {@code ObjectMapper}.
 *
 * @param zone            a zone id such as {@code "Europe/Berlin"}
 * @param twentyFourSeven true for a calendar in which every instant is working time; then no hours or holidays
 * @param workingHours    day name ({@code "MONDAY"}) to ranges such as {@code "09:00-17:00"};
 *                        the end may be {@code "24:00"}
 * @param holidays        ISO date ({@code "2026-12-24"}) to name, empty when unnamed
 * @param yearlyHolidays  month and day ({@code "12-25"}) to name
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"zone", "twenty_four_seven", "working_hours", "holidays", "yearly_holidays"})
record CalendarDefinition(
        @JsonProperty("zone") String zone,
        @JsonProperty("twenty_four_seven") Boolean twentyFourSeven,
        @JsonProperty("working_hours") Map<String, List<String>> workingHours,
        @JsonProperty("holidays") Map<String, String> holidays,
        @JsonProperty("yearly_holidays") Map<String, String> yearlyHolidays) {

    private static final List<String> FIELDS =
            List.of("zone", "twenty_four_seven", "working_hours", "holidays", "yearly_holidays");

    @JsonCreator
    CalendarDefinition {
        workingHours = workingHours == null ? Map.of() : workingHours;
        holidays = holidays == null ? Map.of() : holidays;
        yearlyHolidays = yearlyHolidays == null ? Map.of() : yearlyHolidays;
    }

    /** The definition in JSON as parsed into maps, lists and strings; checks types and field names. */
    static CalendarDefinition read(Map<?, ?> json) {
        for (Object field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("calendar has no field '" + field + "'; its fields are " + FIELDS);
            }
        }
        Object twentyFourSeven = json.get("twenty_four_seven");
        if (twentyFourSeven != null && !(twentyFourSeven instanceof Boolean)) {
            throw new IllegalArgumentException("twenty_four_seven must be true or false, but was " + twentyFourSeven);
        }
        Map<String, List<String>> hours = new LinkedHashMap<>();
        entries(json, "working_hours").forEach((day, ranges) -> {
            if (!(ranges instanceof List<?> list)) {
                throw new IllegalArgumentException("working_hours." + day
                        + " must be a list of ranges such as \"09:00-17:00\", but was " + ranges);
            }
            hours.put(
                    day,
                    list.stream()
                            .map(range -> text("working_hours." + day, range))
                            .toList());
        });
        return new CalendarDefinition(
                json.get("zone") == null ? null : text("zone", json.get("zone")),
                (Boolean) twentyFourSeven,
                hours,
                names(entries(json, "holidays"), "holidays"),
                names(entries(json, "yearly_holidays"), "yearly_holidays"));
    }

    static CalendarDefinition of(BusinessCalendar calendar) {
        String zone = calendar.zone().getId();
        if (calendar.isTwentyFourSeven()) {
            return new CalendarDefinition(zone, true, null, null, null);
        }
        Map<String, List<String>> hours = new LinkedHashMap<>();
        calendar.hours()
                .asMap()
                .forEach((day, ranges) -> hours.put(
                        day.name(), ranges.stream().map(LocalRange::toString).toList()));
        Map<String, String> dated = new LinkedHashMap<>();
        calendar.holidays().dated().forEach((date, name) -> dated.put(date.toString(), name));
        Map<String, String> yearly = new LinkedHashMap<>();
        // MonthDay.toString() is "--12-25"; the shorter "12-25" reads better in configuration files.
        calendar.holidays()
                .yearly()
                .forEach((day, name) -> yearly.put(day.toString().substring(2), name));
        return new CalendarDefinition(zone, null, hours, dated, yearly);
    }

    /**
     * @throws IllegalArgumentException naming the JSON field and value that is invalid
     */
    BusinessCalendar toCalendar() {
        if (zone == null) {
            throw new IllegalArgumentException("zone must not be null");
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone '" + zone + "' is not a valid time zone id", e);
        }
        if (Boolean.TRUE.equals(twentyFourSeven)) {
            if (!workingHours.isEmpty() || !holidays.isEmpty() || !yearlyHolidays.isEmpty()) {
                throw new IllegalArgumentException(
                        "twenty_four_seven is true, so working_hours, holidays and yearly_holidays must be absent");
            }
            BusinessCalendar.Builder allDay = BusinessCalendar.builder(zoneId);
            for (DayOfWeek day : DayOfWeek.values()) {
                allDay.workingHours(day, LocalTime.MIDNIGHT, LocalTime.MAX);
            }
            return allDay.build();
        }
        BusinessCalendar.Builder builder = BusinessCalendar.builder(zoneId);
        workingHours.forEach((dayName, ranges) -> {
            DayOfWeek day = parseDay(dayName);
            String field = "working_hours." + dayName;
            for (String text : Args.notNull(ranges, field)) {
                builder.workingHours(day, LocalRange.parse(field, text));
            }
        });
        List<Holiday> parsed = new ArrayList<>();
        holidays.forEach((date, name) -> parsed.add(Holiday.on(parseDate(date), nameOrEmpty(name))));
        yearlyHolidays.forEach((day, name) -> parsed.add(Holiday.yearly(parseMonthDay(day), nameOrEmpty(name))));
        return builder.holidays(parsed).build();
    }

    private static Map<String, Object> entries(Map<?, ?> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(field + " must be an object, but was " + value);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        map.forEach((key, entry) -> entries.put(String.valueOf(key), entry));
        return entries;
    }

    private static Map<String, String> names(Map<String, Object> entries, String field) {
        Map<String, String> names = new LinkedHashMap<>();
        entries.forEach((day, name) -> names.put(day, name == null ? null : text(field + "." + day, name)));
        return names;
    }

    private static String text(String field, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(field + " must be a string, but was " + value);
    }

    private static DayOfWeek parseDay(String name) {
        try {
            return DayOfWeek.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "working_hours has an invalid day '" + name + "'; expected MONDAY to SUNDAY", e);
        }
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("holidays has an invalid date '" + text + "'; expected 2026-12-24", e);
        }
    }

    private static MonthDay parseMonthDay(String text) {
        try {
            return MonthDay.parse("--" + text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "yearly_holidays has an invalid month and day '" + text + "'; expected 12-25", e);
        }
    }

    private static String nameOrEmpty(String name) {
        return name == null ? "" : name;
    }
}
