package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.PolicyDefinition.CalendarFromDefinition;
import dev.escalation.core.policy.PolicyDefinition.DeadlineDefinition;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JSON of relative deadlines ({@code deadline}) and per-task calendars ({@code calendar_from}), issue #20:
 * reading them in the JSON's own terms (path and value in each error), and writing them back. Apart from
 * {@link PolicyAssembler} so that the older fields' code stays as it was.
 */
final class CalendarJson {

    private static final Pattern HH_MM = Pattern.compile("\\d{2}:\\d{2}");

    private final PolicyDefinition definition;
    private final JsonPath path;
    private final Optional<CalendarResolver> resolver;
    private final PolicyDefinition owner;
    private final JsonPath ownerPath;

    /**
     * @param owner     the definition whose {@code calendar} or {@code calendar_from} the durations count on: the
     *                  definition itself for a policy, and for a goal, which counts on its policy's, the policy's
     * @param ownerPath where {@code owner} was written
     */
    CalendarJson(
            PolicyDefinition definition,
            JsonPath path,
            Optional<CalendarResolver> resolver,
            PolicyDefinition owner,
            JsonPath ownerPath) {
        this.definition = definition;
        this.path = path;
        this.resolver = resolver;
        this.owner = owner;
        this.ownerPath = ownerPath;
    }

    /** Sets the deadline and the calendar choice on {@code builder}; the checks come before anything is built. */
    void apply(SlaPolicy.Builder builder) {
        Optional<CalendarChoice> choice = choice();
        choice.ifPresent(builder::calendarFrom);
        deadline().ifPresent(deadline -> {
            checkWorkingTime(deadline, choice);
            builder.deadline(deadline);
        });
    }

    /** The calendars by the JSON path that names each, as the checks of durations need them: the owner's. */
    Map<JsonPath, BusinessCalendar> calendars() {
        Map<JsonPath, BusinessCalendar> calendars = new LinkedHashMap<>();
        CalendarFromDefinition from = owner.calendarFrom();
        if (from != null && from.calendars() != null) {
            from.calendars()
                    .forEach((name, calendar) -> calendars.put(
                            ownerPath.field("calendar_from").field("calendars").field(name), calendar));
        } else if (owner.calendar() != null) {
            calendars.put(ownerPath.field("calendar"), owner.calendar());
        }
        return calendars;
    }

    Optional<RelativeDeadline> deadline() {
        DeadlineDefinition deadline = definition.deadline();
        if (deadline == null) {
            return Optional.empty();
        }
        JsonPath at = path.field("deadline");
        if (definition.sla().target() != null) {
            throw JsonRule.NOT_BESIDE.at(at, write(deadline), path.field(slaField()));
        }
        if ((deadline.endOfBusinessDay() == null) == (deadline.nextBusinessDayAt() == null)) {
            throw JsonRule.ONE_DEADLINE.at(at, write(deadline));
        }
        if (deadline.endOfBusinessDay() != null) {
            int days = deadline.endOfBusinessDay();
            if (days < 1 || days > RelativeDeadline.MAX_BUSINESS_DAYS) {
                throw JsonRule.BUSINESS_DAYS.at(at.field("end_of_business_day"), days);
            }
            return Optional.of(RelativeDeadline.endOfBusinessDay(days));
        }
        String time = deadline.nextBusinessDayAt();
        JsonPath timePath = at.field("next_business_day_at");
        if (!HH_MM.matcher(time).matches()) {
            throw JsonRule.TIME_OF_DAY.at(timePath, time);
        }
        try {
            return Optional.of(RelativeDeadline.nextBusinessDayAt(LocalTime.parse(time)));
        } catch (DateTimeParseException e) {
            throw JsonRule.TIME_OF_DAY.at(timePath, time);
        }
    }

    private Optional<CalendarChoice> choice() {
        CalendarFromDefinition from = definition.calendarFrom();
        if (from == null) {
            return Optional.empty();
        }
        JsonPath at = path.field("calendar_from");
        if (definition.calendar() != null) {
            throw JsonRule.NOT_BESIDE.at(at, write(from), path.field("calendar"));
        }
        if (from.attribute() != null && from.tenant() != null) {
            throw JsonRule.NOT_BESIDE.at(at.field("tenant"), from.tenant(), at.field("attribute"));
        }
        if (from.tenant() != null && !from.tenant()) {
            throw JsonRule.TENANT_TRUE.at(at.field("tenant"), false);
        }
        if (from.attribute() != null && from.attribute().isBlank()) {
            throw JsonRule.NOT_BLANK.at(at.field("attribute"), from.attribute());
        }
        Map<String, BusinessCalendar> calendars = from.calendars() == null ? Map.of() : from.calendars();
        for (String name : calendars.keySet()) {
            if (name.isBlank()) {
                throw JsonRule.NOT_BLANK.at(calendarsPath().field(name), name);
            }
        }
        if (from.defaultName() != null && !calendars.containsKey(from.defaultName())) {
            throw JsonRule.DEFAULT_CALENDAR.at(at.field("default"), from.defaultName(), calendarsPath());
        }
        if (from.attribute() == null && from.tenant() == null) {
            // Neither attribute nor tenant: the host's resolver picks, and the calendars hold at most its default.
            if (resolver.isEmpty()) {
                throw JsonRule.RESOLVER.at(at, write(from));
            }
            CalendarChoice.ByResolver choice = CalendarChoice.resolver(resolver.get());
            return Optional.of(
                    from.defaultName() == null ? choice : choice.orDefault(calendars.get(from.defaultName())));
        }
        if (from.calendars() == null) {
            throw JsonRule.REQUIRED.naming(calendarsPath(), "an object of calendars by name");
        }
        if (calendars.isEmpty()) {
            throw JsonRule.NEEDS_A_CALENDAR.at(calendarsPath(), Map.of());
        }
        if (from.attribute() != null) {
            CalendarChoice.ByAttribute choice = CalendarChoice.attribute(from.attribute(), calendars);
            return Optional.of(from.defaultName() == null ? choice : choice.orDefault(from.defaultName()));
        }
        CalendarChoice.ByTenant choice = CalendarChoice.tenant(calendars);
        return Optional.of(from.defaultName() == null ? choice : choice.orDefault(from.defaultName()));
    }

    private void checkWorkingTime(RelativeDeadline deadline, Optional<CalendarChoice> choice) {
        if (!(deadline instanceof RelativeDeadline.NextBusinessDayAt at)) {
            return;
        }
        Map<JsonPath, BusinessCalendar> calendars = calendars();
        if (calendars.isEmpty() && choice.isEmpty()) {
            calendars.put(ownerPath.field("calendar"), BusinessCalendar.twentyFourSeven());
        }
        calendars.forEach((calendarPath, calendar) -> calendar.firstWorkingDayNotWorkingAt(at.time())
                .ifPresent(day -> {
                    throw JsonRule.WORKING_TIME.at(
                            path.field("deadline").field("next_business_day_at"),
                            definition.deadline().nextBusinessDayAt(),
                            calendarPath,
                            day);
                }));
    }

    private JsonPath calendarsPath() {
        return path.field("calendar_from").field("calendars");
    }

    private String slaField() {
        return definition.sla().target().hoursField() ? "sla_hours" : "sla";
    }

    static DeadlineDefinition deadline(RelativeDeadline deadline) {
        if (deadline instanceof RelativeDeadline.EndOfBusinessDay end) {
            return new DeadlineDefinition(end.days(), null);
        }
        return new DeadlineDefinition(
                null, ((RelativeDeadline.NextBusinessDayAt) deadline).time().toString());
    }

    /** A resolver is the host's code: written, it leaves only its default, and reads back with the same resolver. */
    static CalendarFromDefinition calendarFrom(CalendarChoice choice) {
        if (choice instanceof CalendarChoice.ByAttribute by) {
            return new CalendarFromDefinition(
                    by.attribute(),
                    null,
                    new TreeMap<>(by.calendars()),
                    by.defaultName().orElse(null));
        }
        if (choice instanceof CalendarChoice.ByTenant by) {
            return new CalendarFromDefinition(
                    null, true, new TreeMap<>(by.calendars()), by.defaultName().orElse(null));
        }
        CalendarChoice.ByResolver by = (CalendarChoice.ByResolver) choice;
        return new CalendarFromDefinition(
                null,
                null,
                by.fallback().map(calendar -> Map.of("default", calendar)).orElse(null),
                by.fallback().isPresent() ? "default" : null);
    }

    static Map<String, Object> write(DeadlineDefinition deadline) {
        if (deadline == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, "end_of_business_day", deadline.endOfBusinessDay());
        put(json, "next_business_day_at", deadline.nextBusinessDayAt());
        return json;
    }

    static Map<String, Object> write(CalendarFromDefinition from) {
        if (from == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, "attribute", from.attribute());
        put(json, "tenant", from.tenant());
        put(json, "calendars", from.calendars());
        put(json, "default", from.defaultName());
        return json;
    }

    private static void put(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
