package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.PolicyDefinition.ChainDefinition;
import dev.escalation.core.policy.PolicyDefinition.LevelDefinition;
import dev.escalation.core.policy.PolicyDefinition.Reminders;
import dev.escalation.core.policy.PolicyDefinition.Scope;
import dev.escalation.core.policy.PolicyDefinition.Sla;
import dev.escalation.core.policy.PolicyDefinition.WarningDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a {@link PolicyDefinition} from JSON as Jackson parses it without a target type: maps,
 * lists, strings, numbers, booleans. It checks JSON types and field names only, naming the path
 * and the value; whether the values can work together is {@link PolicyAssembler}'s part.
 */
final class DefinitionReader {

    private final JsonPath path;
    private final Map<?, ?> fields;
    private final Set<String> known = new HashSet<>();

    private DefinitionReader(JsonPath path, Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw JsonRule.OBJECT.at(path, json);
        }
        this.path = path;
        this.fields = map;
    }

    static PolicyDefinition read(JsonPath path, Object json) {
        DefinitionReader policy = new DefinitionReader(path, json);
        PolicyDefinition definition = new PolicyDefinition(
                policy.text("name"),
                new Scope(
                        policy.text("workflow_type"),
                        policy.text("stage_name"),
                        policy.text("priority"),
                        policy.bool("default")),
                new Sla(
                        policy.duration("sla"),
                        policy.eitherOf("sla_by_priority", "sla_hours_by_priority", DefinitionReader::durations)),
                new WarningDefinition(
                        policy.bool("warning_enabled"), policy.duration("warn_before"), policy.number("warn_at")),
                new Reminders(policy.duration("remind_every"), policy.whole("max_reminders")),
                new ChainDefinition(
                        policy.bool("escalation_enabled"),
                        policy.text("escalation_to"),
                        policy.list("levels", DefinitionReader::level),
                        policy.duration("re_escalate_every"),
                        policy.whole("max_re_escalations")),
                policy.bool("pause_on_hold"),
                policy.calendar("calendar"),
                policy.list("sensitive_attributes", DefinitionReader::text),
                policy.text("on_change"),
                new PolicyDefinition.AttentionDefinition(
                        policy.duration("acknowledge_timeout"), policy.duration("max_snooze")),
                policy.list("warnings", DefinitionReader::threshold),
                policy.object("deadline", DefinitionReader::deadline),
                policy.object("calendar_from", DefinitionReader::calendarFrom),
                policy.list("goals", DefinitionReader::goal));
        policy.noOtherFields("a policy");
        return definition;
    }

    /**
     * A goal: its name, the events that meet it, and the schedule fields of a policy, a {@code deadline} by
     * business days and {@code warnings} included (no scope, calendar or goals).
     */
    private static PolicyDefinition.GoalDefinition goal(JsonPath path, Object json) {
        DefinitionReader goal = new DefinitionReader(path, json);
        String name = goal.text("name");
        List<String> metBy = goal.list("met_by", DefinitionReader::text);
        PolicyDefinition schedule = new PolicyDefinition(
                name,
                null,
                new Sla(
                        goal.duration("sla"),
                        goal.eitherOf("sla_by_priority", "sla_hours_by_priority", DefinitionReader::durations)),
                new WarningDefinition(
                        goal.bool("warning_enabled"), goal.duration("warn_before"), goal.number("warn_at")),
                new Reminders(goal.duration("remind_every"), goal.whole("max_reminders")),
                new ChainDefinition(
                        goal.bool("escalation_enabled"),
                        goal.text("escalation_to"),
                        goal.list("levels", DefinitionReader::level),
                        goal.duration("re_escalate_every"),
                        goal.whole("max_re_escalations")),
                null,
                null,
                null,
                null,
                null,
                goal.list("warnings", DefinitionReader::threshold),
                goal.object("deadline", DefinitionReader::deadline),
                null,
                null);
        goal.noOtherFields("a goal");
        return new PolicyDefinition.GoalDefinition(name, metBy, schedule);
    }

    private static LevelDefinition level(JsonPath path, Object json) {
        DefinitionReader level = new DefinitionReader(path, json);
        LevelDefinition definition = new LevelDefinition(level.text("target"), level.duration("after"));
        level.noOtherFields("an escalation level");
        return definition;
    }

    private static ThresholdDefinition threshold(JsonPath path, Object json) {
        DefinitionReader threshold = new DefinitionReader(path, json);
        ThresholdDefinition definition = new ThresholdDefinition(
                threshold.duration("before"), threshold.number("at"), threshold.text("type"), threshold.text("to"));
        threshold.noOtherFields("a warning threshold");
        return definition;
    }

    private static PolicyDefinition.DeadlineDefinition deadline(JsonPath path, Object json) {
        DefinitionReader deadline = new DefinitionReader(path, json);
        PolicyDefinition.DeadlineDefinition definition = new PolicyDefinition.DeadlineDefinition(
                deadline.whole("end_of_business_day"), deadline.text("next_business_day_at"));
        deadline.noOtherFields("a deadline");
        return definition;
    }

    private static PolicyDefinition.CalendarFromDefinition calendarFrom(JsonPath path, Object json) {
        DefinitionReader choice = new DefinitionReader(path, json);
        PolicyDefinition.CalendarFromDefinition definition = new PolicyDefinition.CalendarFromDefinition(
                choice.text("attribute"), choice.bool("tenant"), choice.calendars("calendars"), choice.text("default"));
        choice.noOtherFields("calendar_from");
        return definition;
    }

    private <T> T object(String name, BiFunction<JsonPath, Object, T> read) {
        Object json = value(name);
        return json == null ? null : read.apply(path.field(name), json);
    }

    private Map<String, BusinessCalendar> calendars(String name) {
        Object json = value(name);
        if (json == null) {
            return null;
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw JsonRule.OBJECT.at(path.field(name), json);
        }
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            JsonPath at = path.field(name).field(String.valueOf(key));
            if (value == null) {
                throw JsonRule.NOT_NULL.at(at, null);
            }
            calendars.put(String.valueOf(key), calendar(at, value));
        });
        return calendars;
    }

    private Object value(String name) {
        known.add(name);
        return fields.get(name);
    }

    private String text(String name) {
        Object json = value(name);
        return json == null ? null : text(path.field(name), json);
    }

    private static String text(JsonPath at, Object json) {
        if (json instanceof String text) {
            return text;
        }
        throw JsonRule.TEXT.at(at, json);
    }

    private Boolean bool(String name) {
        Object json = value(name);
        if (json == null || json instanceof Boolean) {
            return (Boolean) json;
        }
        throw JsonRule.BOOLEAN.at(path.field(name), json);
    }

    private BigDecimal number(String name) {
        Object json = value(name);
        BigDecimal number = json instanceof Number n ? JsonDuration.decimal(n) : null;
        if (json != null && number == null) {
            throw JsonRule.NUMBER.at(path.field(name), json);
        }
        return number;
    }

    /** A count: a whole number that fits an {@code int}; whether it may be negative is checked later. */
    private Integer whole(String name) {
        BigDecimal number = number(name);
        try {
            return number == null ? null : number.intValueExact();
        } catch (ArithmeticException e) {
            throw JsonRule.WHOLE_NUMBER.at(path.field(name), number);
        }
    }

    /** The duration under {@code name}, or in hours under {@code name_hours}, not both. */
    private JsonDuration duration(String name) {
        return eitherOf(name, name + "_hours", JsonDuration::read);
    }

    /** What is given under one of two names: {@code read} gets the value and whether it was the second. */
    private <T> T eitherOf(String name, String hoursName, Reading<T> read) {
        Object json = value(name);
        Object hours = value(hoursName);
        if (json != null && hours != null) {
            throw JsonRule.NOT_BESIDE.at(path.field(hoursName), hours, path.field(name));
        }
        if (json != null) {
            return read.read(path.field(name), json, false);
        }
        return hours == null ? null : read.read(path.field(hoursName), hours, true);
    }

    private static Map<String, JsonDuration> durations(JsonPath at, Object json, boolean hours) {
        if (!(json instanceof Map<?, ?> map)) {
            throw JsonRule.OBJECT.at(at, json);
        }
        Map<String, JsonDuration> durations = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            JsonPath entry = at.field(String.valueOf(key));
            if (value == null) {
                throw JsonRule.NOT_NULL.at(entry, null);
            }
            durations.put(String.valueOf(key), JsonDuration.read(entry, value, hours));
        });
        return durations;
    }

    private <T> List<T> list(String name, BiFunction<JsonPath, Object, T> element) {
        Object json = value(name);
        if (json == null) {
            return null;
        }
        if (!(json instanceof List<?> array)) {
            throw JsonRule.ARRAY.at(path.field(name), json);
        }
        List<T> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonPath at = path.field(name).index(i);
            if (array.get(i) == null) {
                throw JsonRule.NOT_NULL.at(at, null);
            }
            list.add(element.apply(at, array.get(i)));
        }
        return list;
    }

    private BusinessCalendar calendar(String name) {
        Object json = value(name);
        if (json == null) {
            return null;
        }
        return calendar(path.field(name), json);
    }

    private static BusinessCalendar calendar(JsonPath at, Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw JsonRule.OBJECT.at(at, json);
        }
        try {
            return BusinessCalendar.fromJson(map);
        } catch (IllegalArgumentException e) {
            throw JsonRule.CALENDAR.naming(at, e.getMessage());
        }
    }

    private void noOtherFields(String what) {
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = String.valueOf(field.getKey());
            if (!known.contains(name)) {
                throw JsonRule.UNKNOWN_FIELD.at(path.field(name), field.getValue(), what);
            }
        }
    }

    /** Reads the value found at a path, told whether it was under the {@code _hours} name. */
    private interface Reading<T> {
        T read(JsonPath at, Object json, boolean hours);
    }
}
