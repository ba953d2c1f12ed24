package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.task.WorkflowTask;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a policy picks each task's calendar (issue #20): by a task attribute, by the task's tenant, or by
 * the host's {@link CalendarResolver}. A task whose choice finds no calendar gets the default one if the
 * choice names it, and otherwise is not planned but reported and audited ({@link UnknownCalendarException}).
 *
 * <pre>{@code
 * CalendarChoice byRegion = CalendarChoice.attribute("region", Map.of("EU", berlinOffice, "US", newYorkOffice))
 *         .orDefault("EU");
 * }</pre>
 *
 * JSON: {@code "calendar_from": {"attribute": "region", "calendars": {"EU": {...}, "US": {...}}, "default": "EU"}}
 * or {@code {"tenant": true, "calendars": {...}}} (docs/business-time.md).
 */
public sealed interface CalendarChoice {

    /**
     * The calendar named by the value of the task attribute {@code attribute}.
     *
     * @param attribute the attribute's name, e.g. {@code "region"}
     * @param calendars the calendars by the attribute's value
     * @return the choice, without a default
     * @throws InvalidPolicyException when the name is blank or the map is empty or holds a blank name or a null
     */
    static ByAttribute attribute(String attribute, Map<String, BusinessCalendar> calendars) {
        return new ByAttribute(attribute, calendars, Optional.empty());
    }

    /**
     * The calendar named by the task's tenant.
     *
     * @param calendars the calendars by tenant
     * @return the choice, without a default
     * @throws InvalidPolicyException when the map is empty or holds a blank name or a null
     */
    static ByTenant tenant(Map<String, BusinessCalendar> calendars) {
        return new ByTenant(calendars, Optional.empty());
    }

    /**
     * The calendar the host's resolver gives.
     *
     * @param resolver the host's resolver
     * @return the choice, without a default
     * @throws InvalidPolicyException when the resolver is null
     */
    static ByResolver resolver(CalendarResolver resolver) {
        return new ByResolver(resolver, Optional.empty());
    }

    /**
     * The calendar of {@code task}.
     *
     * @param task the task
     * @return its calendar
     * @throws UnknownCalendarException when none is found and the choice names no default
     */
    BusinessCalendar calendarFor(WorkflowTask task);

    /** {@return every calendar the choice names up front (for checks at policy load), by name} */
    Map<String, BusinessCalendar> knownCalendars();

    /** {@return the choice as sorted, JVM-independent text, for {@link SlaPolicy#version()}} */
    String canonicalText();

    /**
     * By a task attribute.
     *
     * @param attribute   the attribute's name
     * @param calendars   the calendars by the attribute's value
     * @param defaultName the calendar for a task without the attribute or with an unknown value
     */
    record ByAttribute(String attribute, Map<String, BusinessCalendar> calendars, Optional<String> defaultName)
            implements CalendarChoice {
        /**
         * Validates and copies.
         *
         * @param attribute   the attribute's name
         * @param calendars   the calendars by value
         * @param defaultName one of the calendars' names, or empty
         * @throws InvalidPolicyException naming the field and the value
         */
        public ByAttribute {
            Checks.text("calendarFrom attribute", attribute);
            calendars = named(calendars, defaultName);
        }

        /**
         * This choice with a default.
         *
         * @param name one of the calendars' names
         * @return the choice
         * @throws InvalidPolicyException when no calendar has that name
         */
        public ByAttribute orDefault(String name) {
            return new ByAttribute(attribute, calendars, Optional.of(Checks.text("calendarFrom default", name)));
        }

        @Override
        public BusinessCalendar calendarFor(WorkflowTask task) {
            String value = task.attributes().get(attribute);
            return pick(
                    calendars,
                    value,
                    defaultName,
                    () -> "task '" + task.id() + "': it "
                            + (value == null
                                    ? "has no attribute '" + attribute + "'"
                                    : "has attribute '" + attribute + "' = '" + value + "', which names no calendar of "
                                            + new TreeMap<>(calendars).keySet()));
        }

        @Override
        public Map<String, BusinessCalendar> knownCalendars() {
            return calendars;
        }

        @Override
        public String canonicalText() {
            return "attribute:" + attribute + text(calendars, defaultName);
        }
    }

    /**
     * By the task's tenant.
     *
     * @param calendars   the calendars by tenant
     * @param defaultName the calendar for a task without a tenant or with an unknown one
     */
    record ByTenant(Map<String, BusinessCalendar> calendars, Optional<String> defaultName) implements CalendarChoice {
        /**
         * Validates and copies.
         *
         * @param calendars   the calendars by tenant
         * @param defaultName one of the calendars' names, or empty
         * @throws InvalidPolicyException naming the field and the value
         */
        public ByTenant {
            calendars = named(calendars, defaultName);
        }

        /**
         * This choice with a default.
         *
         * @param name one of the calendars' names
         * @return the choice
         * @throws InvalidPolicyException when no calendar has that name
         */
        public ByTenant orDefault(String name) {
            return new ByTenant(calendars, Optional.of(Checks.text("calendarFrom default", name)));
        }

        @Override
        public BusinessCalendar calendarFor(WorkflowTask task) {
            String tenant = task.tenant().orElse(null);
            return pick(
                    calendars,
                    tenant,
                    defaultName,
                    () -> "task '" + task.id() + "': it "
                            + (tenant == null
                                    ? "has no tenant"
                                    : "has tenant '" + tenant + "', which names no calendar of "
                                            + new TreeMap<>(calendars).keySet()));
        }

        @Override
        public Map<String, BusinessCalendar> knownCalendars() {
            return calendars;
        }

        @Override
        public String canonicalText() {
            return "tenant" + text(calendars, defaultName);
        }
    }

    /**
     * By the host's resolver.
     *
     * @param resolver the host's resolver
     * @param fallback the calendar when the resolver knows none
     */
    record ByResolver(CalendarResolver resolver, Optional<BusinessCalendar> fallback) implements CalendarChoice {
        /**
         * Validates.
         *
         * @param resolver the host's resolver
         * @param fallback the default calendar, or empty
         * @throws InvalidPolicyException when a value is null
         */
        public ByResolver {
            Checks.present("calendarFrom resolver", resolver);
            Checks.present("calendarFrom default", fallback);
        }

        /**
         * This choice with a default.
         *
         * @param calendar the calendar when the resolver knows none
         * @return the choice
         * @throws InvalidPolicyException when the calendar is null
         */
        public ByResolver orDefault(BusinessCalendar calendar) {
            return new ByResolver(resolver, Optional.of(Checks.present("calendarFrom default", calendar)));
        }

        @Override
        public BusinessCalendar calendarFor(WorkflowTask task) {
            Optional<BusinessCalendar> found = resolver.calendarFor(task);
            if (found == null) {
                throw new UnknownCalendarException("the calendar resolver returned null for task '" + task.id()
                        + "'; it must return a calendar or Optional.empty()");
            }
            return found.or(() -> fallback)
                    .orElseThrow(() -> new UnknownCalendarException("no calendar for task '" + task.id()
                            + "': the calendar resolver knows none, and the policy names no default"));
        }

        @Override
        public Map<String, BusinessCalendar> knownCalendars() {
            return fallback.map(calendar -> Map.of("default", calendar)).orElse(Map.of());
        }

        /** The resolver's answers are the host's: only its presence and the default enter the version. */
        @Override
        public String canonicalText() {
            return "resolver"
                    + fallback.map(c -> ";default=" + c.canonicalText()).orElse("");
        }
    }

    private static Map<String, BusinessCalendar> named(
            Map<String, BusinessCalendar> calendars, Optional<String> defaultName) {
        Checks.present("calendarFrom calendars", calendars);
        Checks.present("calendarFrom default", defaultName);
        if (calendars.isEmpty()) {
            throw new InvalidPolicyException("calendarFrom calendars must name at least one calendar, but was {}");
        }
        calendars.forEach((name, calendar) -> {
            Checks.text("calendarFrom calendar name", name);
            Checks.present("calendarFrom calendar '" + name + "'", calendar);
        });
        defaultName.ifPresent(name -> {
            if (!calendars.containsKey(name)) {
                throw new InvalidPolicyException("calendarFrom default must name one of the calendars "
                        + new TreeMap<>(calendars).keySet() + ", but was '" + name + "'");
            }
        });
        return Map.copyOf(calendars);
    }

    private static BusinessCalendar pick(
            Map<String, BusinessCalendar> calendars,
            String name,
            Optional<String> defaultName,
            java.util.function.Supplier<String> why) {
        BusinessCalendar found = name == null ? null : calendars.get(name);
        if (found != null) {
            return found;
        }
        return defaultName
                .map(calendars::get)
                .orElseThrow(() -> new UnknownCalendarException(
                        "no calendar for " + why.get() + ", and the policy names no default"));
    }

    private static String text(Map<String, BusinessCalendar> calendars, Optional<String> defaultName) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(calendars)
                .forEach((name, calendar) ->
                        text.append(";calendar=").append(name).append(':').append(calendar.canonicalText()));
        defaultName.ifPresent(name -> text.append(";default=").append(name));
        return text.toString();
    }
}
