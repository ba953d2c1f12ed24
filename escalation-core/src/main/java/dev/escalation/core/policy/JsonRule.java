package dev.escalation.core.policy;

/**
 * Every error that reading a policy from JSON can report, in the words docs/policies.md lists
 * them. A message is the JSON path, the rule and, where there is one, the value as written:
 * {@code "$.sla_hours: must be positive, but was -5"}. Keeping the rules in one place lets the fuzz
 * test and the documentation check hold the reader to exactly these messages.
 */
enum JsonRule {
    OBJECT("must be an object"),
    ARRAY("must be an array"),
    TEXT("must be a string"),
    BOOLEAN("must be true or false"),
    NUMBER("must be a number"),
    WHOLE_NUMBER("must be a whole number from 0 to " + Integer.MAX_VALUE),
    ISO_DURATION("must be an ISO-8601 duration such as PT24H"),
    DURATION("must be an ISO-8601 duration such as PT24H or a number of hours"),
    HOURS("must be a number of hours"),
    NOT_NULL("must not be null"),
    UNKNOWN_FIELD("is not a field of %s"),
    REQUIRED("is required; give %s"),
    NOT_BESIDE("must not be given beside %s"),
    NOT_BLANK("must not be blank"),
    PRIORITY("must be named by a priority that is not blank"),
    POSITIVE("must be positive"),
    NOT_NEGATIVE("must not be negative"),
    AT_MOST("must be at most " + SlaPolicy.MAX_DURATION.toDays() + " days (" + SlaPolicy.MAX_DURATION.toHours()
            + " hours)"),
    AT_LEAST("must be at least 1 minute (PT1M)"),
    COUNT_AT_MOST("must be at most " + SlaPolicy.MAX_COUNT),
    LEVELS_AT_MOST("must hold at most " + SlaPolicy.MAX_COUNT + " levels"),
    CALENDAR_WEEKS("must need at most " + SlaPolicy.MAX_CALENDAR_WEEKS
            + " weeks of the calendar, which has %s of working time a week"),
    FRACTION("must be a fraction strictly between 0 and 1"),
    TARGET("must be 'user:NAME', 'role:NAME' or a role name"),
    SHORTER_THAN_SLA("must be shorter than the SLA at %s"),
    LONGER_THAN_DEFAULT_WARNING("must be longer than the default warning window of "
            + SlaPolicy.DEFAULT_WARN_BEFORE.toHours()
            + " hours (set warn_before, warn_at or \"warning_enabled\": false)"),
    LATER_THAN_LEVEL_BEFORE("must be later than the level before it"),
    NEEDS_A_LEVEL("must name at least one level while escalation is enabled; give escalation_to or levels,"
            + " or \"escalation_enabled\": false"),
    CALENDAR("is not a valid calendar: %s"),
    NEEDS_A_THRESHOLD("must hold at least one threshold; for no warning say \"warning_enabled\": false"),
    THRESHOLDS_AT_MOST("must hold at most " + SlaPolicy.MAX_COUNT + " thresholds"),
    THRESHOLD_TYPE("must be 'WARNING' or 'REMINDER'"),
    RECIPIENT("must be 'assignee', 'user:NAME', 'role:NAME' or a role name"),
    ON_CHANGE("must be 'replan' or 'pin'"),
    ONE_DEADLINE("must hold one of end_of_business_day or next_business_day_at"),
    BUSINESS_DAYS("must be a whole number of business days from 1 to " + RelativeDeadline.MAX_BUSINESS_DAYS),
    TIME_OF_DAY("must be a time of day in whole minutes such as 10:00"),
    WORKING_TIME("must lie after an opening and no later than a closing on every working day of the calendar"
            + " at %s (not so on %s)"),
    RESOLVER("needs the host's CalendarResolver; define the policy with PolicyRegistry.builder()"
            + ".calendarResolver(...)"),
    TENANT_TRUE("must be true; give attribute to pick the calendar by a task attribute"),
    NEEDS_A_CALENDAR("must name at least one calendar"),
    DEFAULT_CALENDAR("must name one of the calendars at %s"),
    NAMES_NO_TASKS(
            "must name the tasks it governs with stage_name, workflow_type or priority," + " or say \"default\": true"),
    SAME_TASKS("must not govern the same tasks as %s");

    private final String text;

    JsonRule(String text) {
        this.text = text;
    }

    /** The rule as documented, {@code %s} standing for the part that names another field or value. */
    String text() {
        return text;
    }

    /** The failure at {@code path}, showing the value as written. */
    InvalidPolicyException at(JsonPath path, Object written, Object... details) {
        return new InvalidPolicyException(
                path + ": " + text.formatted(details) + ", but was " + JsonPath.shown(written));
    }

    /** The failure at {@code path} of a value that is missing or has nothing to show. */
    InvalidPolicyException at(JsonPath path) {
        return new InvalidPolicyException(path + ": " + text);
    }

    /** The failure at {@code path}, with the part that {@code %s} stands for but no value. */
    InvalidPolicyException naming(JsonPath path, Object... details) {
        return new InvalidPolicyException(path + ": " + text.formatted(details));
    }
}
