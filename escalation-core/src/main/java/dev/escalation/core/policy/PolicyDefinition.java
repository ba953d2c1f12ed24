package dev.escalation.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.escalation.core.calendar.BusinessCalendar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shape of an {@link SlaPolicy}, read and written by the host's own Jackson
 * {@code ObjectMapper}. It accepts the original job's stage definitions as they are:
 *
 * <pre>{@code
 * {"stage_name": "Manager Approval", "sla_hours": 24, "escalation_enabled": true, "escalation_to": "department_head"}
 * }</pre>
 *
 * and the full form:
 *
 * <pre>{@code
 * {"name": "Manager Approval", "workflow_type": "purchase-order", "stage_name": "Manager Approval",
 *  "sla": "PT24H", "warn_before": "PT2H", "remind_every": "PT4H", "max_reminders": 3,
 *  "levels": [{"target": "role:department_head", "after": "PT0S"}, {"target": "role:director", "after": "PT8H"}],
 *  "re_escalate_every": "PT24H", "max_re_escalations": 2,
 *  "sla_by_priority": {"P1": "PT4H", "P2": "PT8H"}, "pause_on_hold": true,
 *  "calendar": {"zone": "Europe/Berlin", "working_hours": {"MONDAY": ["09:00-17:00"]}, "holidays": {"2026-12-24": "Christmas Eve"}}}
 * }</pre>
 *
 * <p>Every duration is a {@link JsonDuration}: an ISO-8601 string or a number of hours, under the
 * field's name or, as hours only, its {@code _hours} twin ({@code "sla_hours": 24}); giving both is
 * an error. The definition keeps what was written, so writing it gives the same JSON back. Absent
 * fields are {@code null} here because this type mirrors JSON; the policy it builds has no nulls.
 *
 * <p>Errors name the JSON path and the value as written, {@code $} being the policy object:
 * {@code "$.sla_hours: must be positive, but was -5"}. A value of the wrong JSON type or an unknown
 * field fails while Jackson reads the definition (Jackson wraps the {@link InvalidPolicyException}
 * in its own exception, which adds the line and column); a value that cannot work fails in
 * {@link #toPolicy()}.
 *
 * @param name                policy name; defaults to {@code stage_name}, then to {@code "default"}
 * @param scope               the tasks the policy governs in a {@link PolicyRegistry}
 * @param sla                 {@code sla} and {@code sla_by_priority}
 * @param warning             {@code warning_enabled}, {@code warn_before}, {@code warn_at}
 * @param reminders           {@code remind_every}, {@code max_reminders}
 * @param chain               {@code escalation_enabled}, {@code escalation_to}, {@code levels},
 *                            {@code re_escalate_every}, {@code max_re_escalations}
 * @param pauseOnHold         {@code pause_on_hold}: whether holds stop the SLA clock; default true
 * @param calendar            {@code calendar}: the business calendar SLA time is counted on; default 24/7
 * @param sensitiveAttributes {@code sensitive_attributes}: task attributes whose values must not appear
 *                            in logs, notifications or audit details
 * @param onChange            {@code on_change}: what a change of this policy does to the open tasks planned
 *                            under an older version, {@code "replan"} or {@code "pin"} (see
 *                            {@link PolicyChange}); default {@code "replan"}. Not part of the
 *                            {@link SlaPolicy#version()}: it does not change how a task is planned
 * @param attention           {@code acknowledge_timeout}, {@code max_snooze}
 * @param warnings            {@code warnings}: several warning thresholds, instead of {@code warn_before},
 *                            {@code warn_at} and {@code warning_enabled}; absent for the single warning
 * @param deadline            {@code deadline}: a deadline by business days instead of {@code sla} (issue #20)
 * @param calendarFrom        {@code calendar_from}: how each task's calendar is picked instead of {@code calendar}
 * @param goals               {@code goals}: named goals, each with its own schedule; absent for a policy of one goal
 */
public record PolicyDefinition(
        String name,
        Scope scope,
        Sla sla,
        WarningDefinition warning,
        Reminders reminders,
        ChainDefinition chain,
        Boolean pauseOnHold,
        BusinessCalendar calendar,
        List<String> sensitiveAttributes,
        String onChange,
        AttentionDefinition attention,
        List<ThresholdDefinition> warnings,
        DeadlineDefinition deadline,
        CalendarFromDefinition calendarFrom,
        List<GoalDefinition> goals) {

    /**
     * A definition without acknowledgement timeout or snooze limit, as every definition was before issue #20.
     *
     * @param calendar the business calendar the SLA runs on
     * @param chain the escalation chain
     * @param name the name
     * @param pauseOnHold whether holds pause the SLA clock
     * @param reminders how reminders repeat
     * @param scope which tasks the policy governs
     * @param sensitiveAttributes attributes whose values never appear in logs, reports or audit
     * @param sla the time allowed
     * @param warning when to warn
     */
    public PolicyDefinition(
            String name,
            Scope scope,
            Sla sla,
            WarningDefinition warning,
            Reminders reminders,
            ChainDefinition chain,
            Boolean pauseOnHold,
            BusinessCalendar calendar,
            List<String> sensitiveAttributes) {
        this(name, scope, sla, warning, reminders, chain, pauseOnHold, calendar, sensitiveAttributes, null, null, null);
    }

    /**
     * A definition with a fixed deadline, one calendar and no goals, as every definition was before relative
     * deadlines, per-task calendars and goals (issue #20).
     *
     * @param calendar the business calendar the SLA runs on
     * @param chain the escalation chain
     * @param name the name
     * @param onChange what a change of the policy does to open tasks: "replan" or "pin"
     * @param pauseOnHold whether holds pause the SLA clock
     * @param reminders how reminders repeat
     * @param scope which tasks the policy governs
     * @param sensitiveAttributes attributes whose values never appear in logs, reports or audit
     * @param sla the time allowed
     * @param warning when to warn
     * @param attention how long acknowledgements and snoozes hold
     * @param warnings several warning thresholds, or null for the single warning
     */
    public PolicyDefinition(
            String name,
            Scope scope,
            Sla sla,
            WarningDefinition warning,
            Reminders reminders,
            ChainDefinition chain,
            Boolean pauseOnHold,
            BusinessCalendar calendar,
            List<String> sensitiveAttributes,
            String onChange,
            AttentionDefinition attention,
            List<ThresholdDefinition> warnings) {
        this(
                name,
                scope,
                sla,
                warning,
                reminders,
                chain,
                pauseOnHold,
                calendar,
                sensitiveAttributes,
                onChange,
                attention,
                warnings,
                null,
                null,
                null);
    }

    /**
     * Absent parts become parts whose fields are all absent.
     *
     * @param calendar the business calendar the SLA runs on
     * @param chain the escalation chain
     * @param name the name
     * @param onChange what a change of the policy does to open tasks: "replan" or "pin"
     * @param pauseOnHold whether holds pause the SLA clock
     * @param reminders how reminders repeat
     * @param scope which tasks the policy governs
     * @param sensitiveAttributes attributes whose values never appear in logs, reports or audit
     * @param sla the time allowed
     * @param warning when to warn
     * @param attention how long acknowledgements and snoozes hold
     * @param warnings several warning thresholds, or null for the single warning
     * @param deadline a deadline by business days, or null
     * @param calendarFrom how each task's calendar is picked, or null
     * @param goals the named goals, or null for a policy of one goal
     */
    public PolicyDefinition {
        scope = scope == null ? new Scope(null, null, null, null) : scope;
        sla = sla == null ? new Sla(null, null) : sla;
        warning = warning == null ? new WarningDefinition(null, null, null) : warning;
        reminders = reminders == null ? new Reminders(null, null) : reminders;
        chain = chain == null ? new ChainDefinition(null, null, null, null, null) : chain;
        sensitiveAttributes = copy(sensitiveAttributes);
        attention = attention == null ? new AttentionDefinition(null, null) : attention;
        warnings = copy(warnings);
        goals = copy(goals);
    }

    /**
     * A definition without goals, as every definition was before goals existed.
     *
     * @param name                policy name; defaults to {@code stage_name}, then to {@code "default"}
     * @param scope               the tasks the policy governs in a {@link PolicyRegistry}
     * @param sla                 {@code sla} and {@code sla_by_priority}
     * @param warning             {@code warning_enabled}, {@code warn_before}, {@code warn_at}
     * @param reminders           {@code remind_every}, {@code max_reminders}
     * @param chain               the escalation chain's fields
     * @param pauseOnHold         {@code pause_on_hold}: whether holds stop the SLA clock; default true
     * @param calendar            {@code calendar}: the business calendar SLA time is counted on; default 24/7
     * @param sensitiveAttributes {@code sensitive_attributes}: task attributes whose values must stay out of output
     * @param onChange            {@code on_change}: "replan" or "pin"
     * @param attention           {@code acknowledge_timeout}, {@code max_snooze}
     */
    public PolicyDefinition(
            String name,
            Scope scope,
            Sla sla,
            WarningDefinition warning,
            Reminders reminders,
            ChainDefinition chain,
            Boolean pauseOnHold,
            BusinessCalendar calendar,
            List<String> sensitiveAttributes,
            String onChange,
            AttentionDefinition attention) {
        this(
                name,
                scope,
                sla,
                warning,
                reminders,
                chain,
                pauseOnHold,
                calendar,
                sensitiveAttributes,
                onChange,
                attention,
                null);
    }

    /**
     * One entry of {@code goals}: {@code name}, {@code met_by} and the schedule fields of a policy
     * ({@code sla} or {@code deadline}, {@code sla_by_priority}, the warning, reminder and chain fields).
     *
     * @param name     {@code name}: the goal's name
     * @param metBy    {@code met_by}: events that meet the goal besides {@code meet}, e.g. {@code ["reassignment"]}
     * @param schedule the goal's schedule fields, as a definition without scope, calendar or goals
     */
    public record GoalDefinition(String name, List<String> metBy, PolicyDefinition schedule) {
        /**
         * Copies the events.
         *
         * @param name     {@code name}: the goal's name
         * @param metBy    {@code met_by}: events that meet the goal besides {@code meet}
         * @param schedule the goal's schedule fields
         */
        public GoalDefinition {
            metBy = copy(metBy);
        }
    }

    /**
     * How long a task's acknowledgement and a snooze of its reminders may hold (issue #20).
     *
     * @param acknowledgeTimeout {@code acknowledge_timeout}: how long an acknowledgement holds the task's
     *                           steps; when absent an acknowledgement holds nothing
     * @param maxSnooze          {@code max_snooze}: the longest snooze of the reminders; unbounded when absent
     */
    public record AttentionDefinition(JsonDuration acknowledgeTimeout, JsonDuration maxSnooze) {}

    /**
     * A deadline by business days (issue #20): exactly one of the two fields.
     *
     * @param endOfBusinessDay {@code end_of_business_day}: the close of business of the Nth business day after the
     *                         SLA start's date, 1 to 500
     * @param nextBusinessDayAt {@code next_business_day_at}: a time of day, {@code "HH:MM"}, on the first business
     *                          day after the SLA start's date
     */
    public record DeadlineDefinition(Integer endOfBusinessDay, String nextBusinessDayAt) {}

    /**
     * How each task's calendar is picked (issue #20): by the task attribute {@code attribute} or, with
     * {@code "tenant": true}, by its tenant, among {@code calendars}.
     *
     * @param attribute   {@code attribute}: the task attribute whose value names the calendar
     * @param tenant      {@code tenant}: {@code true} when the tenant names it
     * @param calendars   {@code calendars}: the calendars by name, each in the shape of {@code calendar}
     * @param defaultName {@code default}: the calendar for a task whose value names none; without it such a
     *                    task is reported and audited, not planned
     */
    public record CalendarFromDefinition(
            String attribute, Boolean tenant, Map<String, BusinessCalendar> calendars, String defaultName) {
        /**
         * Keeps the calendars in the order given.
         *
         * @param attribute the attribute's name
         * @param tenant whether the tenant names the calendar
         * @param calendars the calendars by name
         * @param defaultName the default calendar's name
         */
        public CalendarFromDefinition {
            calendars = calendars == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(calendars));
        }
    }

    /**
     * Which tasks the policy governs when a {@link PolicyRegistry} defines it: those of
     * {@code workflow_type}, {@code stage_name} and {@code priority}, or with {@code "default": true}
     * every task that no other policy governs. A definition that says neither is an error there.
     *
     * @param workflowType {@code workflow_type}
     * @param stageName    {@code stage_name}
     * @param priority     {@code priority}
     * @param isDefault    {@code default}
     */
    public record Scope(String workflowType, String stageName, String priority, Boolean isDefault) {}

    /**
     * The SLA targets.
     *
     * @param target     {@code sla} or {@code sla_hours}: SLA time from the SLA start to the deadline; required
     * @param byPriority {@code sla_by_priority} (or, in hours, {@code sla_hours_by_priority}): targets of their own by priority
     */
    public record Sla(JsonDuration target, Map<String, JsonDuration> byPriority) {
        /**
         * Keeps the priorities in the order given.
         *
         * @param byPriority SLA per priority
         * @param target who gets the task at that level
         */
        public Sla {
            byPriority = byPriority == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(byPriority));
        }
    }

    /**
     * The warning before the deadline.
     *
     * @param enabled {@code warning_enabled}: {@code false} for no warning; default true
     * @param before  {@code warn_before}: the warning window before the deadline; default 2 hours
     * @param at      {@code warn_at}: the warning point as a fraction of the SLA, instead of {@code warn_before}
     */
    public record WarningDefinition(Boolean enabled, JsonDuration before, BigDecimal at) {}

    /**
     * The reminders once a task is in warning or breached.
     *
     * @param every {@code remind_every}: the interval between reminders; no reminders when absent
     * @param max   {@code max_reminders}: the cap per cycle; default 3 when reminders are on
     */
    public record Reminders(JsonDuration every, Integer max) {}

    /**
     * The escalation chain.
     *
     * @param enabled          {@code escalation_enabled}; default true
     * @param escalationTo     {@code escalation_to}: shorthand for a single level at the deadline
     * @param levels           {@code levels}: the escalation chain, instead of {@code escalation_to}
     * @param reEscalateEvery  {@code re_escalate_every}; default 24 hours
     * @param maxReEscalations {@code max_re_escalations}; unlimited when absent
     */
    public record ChainDefinition(
            Boolean enabled,
            String escalationTo,
            List<LevelDefinition> levels,
            JsonDuration reEscalateEvery,
            Integer maxReEscalations) {
        /**
         * Keeps the levels in order.
         *
         * @param enabled whether escalation is on
         * @param escalationTo the target of the first level
         * @param levels the escalation levels, in order
         * @param maxReEscalations at most this many re-escalations
         * @param reEscalateEvery how often the last level is re-notified
         */
        public ChainDefinition {
            levels = copy(levels);
        }
    }

    /**
     * One level of the chain in JSON.
     *
     * @param target {@code target}: {@code "role:NAME"}, {@code "user:NAME"} or a role name
     * @param after  {@code after} (or {@code after_hours}): the delay after the deadline; default:
     *               the deadline for level 1, then {@code re_escalate_every} more per level
     */
    public record LevelDefinition(String target, JsonDuration after) {}

    /**
     * The seed's short form: a stage with an SLA in hours and one escalation target.
     *
     * @param escalationTo the target of the first level
     * @param slaHours the SLA in hours
     * @param stageName the stage
     * @return the seed's short form: a stage with an SLA in hours and one escalation target
     */
    public static PolicyDefinition stage(String stageName, double slaHours, String escalationTo) {
        return new PolicyDefinition(
                null,
                new Scope(null, stageName, null, null),
                new Sla(JsonDuration.hours(slaHours), null),
                null,
                null,
                new ChainDefinition(true, escalationTo, null, null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * Reads a definition from the JSON that Jackson parsed into maps, lists, strings, numbers and booleans.
     *
     * @param json the JSON text
     * @return the policy definition
     * @throws InvalidPolicyException naming the JSON path and the value when a value has the wrong
     *         JSON type or a field is unknown
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PolicyDefinition fromJson(Object json) {
        return DefinitionReader.read(JsonPath.ROOT, json);
    }

    /**
     * This definition as JSON: the fields as they were read, in the documented order.
     *
     * @return the map
     */
    @JsonValue
    public Map<String, Object> toJson() {
        return DefinitionWriter.write(this);
    }

    /**
     * The registry key this definition names; empty parts match anything.
     *
     * @return the registry key this definition names; empty parts match anything
     */
    public PolicyKey key() {
        return new PolicyKey(
                Optional.ofNullable(scope.workflowType()),
                Optional.ofNullable(scope.stageName()),
                Optional.ofNullable(scope.priority()),
                Optional.empty());
    }

    /**
     * Whether the definition says {@code "default": true}.
     *
     * @return whether the definition says {@code "default": true}
     */
    public boolean isDefault() {
        return Boolean.TRUE.equals(scope.isDefault());
    }

    /**
     * Builds and validates the policy.
     *
     * @return the sla policy
     * @throws InvalidPolicyException naming the JSON path and the value as written when the definition cannot work
     */
    public SlaPolicy toPolicy() {
        return toPolicy(JsonPath.ROOT);
    }

    SlaPolicy toPolicy(JsonPath path) {
        return new PolicyAssembler(this, path).policy();
    }

    static PolicyDefinition of(SlaPolicy policy) {
        Chain chain = policy.chain();
        List<LevelDefinition> levels = chain.levels().stream()
                .map(level -> new LevelDefinition(level.target().toString(), JsonDuration.of(level.afterDeadline())))
                .toList();
        Map<String, JsonDuration> byPriority = new java.util.TreeMap<>();
        policy.slaByPriority().forEach((priority, sla) -> byPriority.put(priority, JsonDuration.of(sla)));
        boolean goals = !policy.goals().isEmpty();
        List<WarningThreshold> thresholds = policy.hasThresholds() ? policy.warningThresholds() : List.of();
        boolean single = thresholds.isEmpty();
        return new PolicyDefinition(
                policy.name(),
                null,
                goals
                        ? null
                        : new Sla(
                                policy.relativeDeadline().isPresent() ? null : JsonDuration.of(policy.sla()),
                                byPriority.isEmpty() ? null : byPriority),
                goals
                        ? null
                        : new WarningDefinition(
                                policy.warning() instanceof Warning.None ? Boolean.FALSE : null,
                                single && policy.warning() instanceof Warning.Before before
                                        ? JsonDuration.of(before.window())
                                        : null,
                                single && policy.warning() instanceof Warning.AtFraction at
                                        ? BigDecimal.valueOf(at.fraction())
                                        : null),
                goals
                        ? null
                        : new Reminders(
                                policy.remindEvery().map(JsonDuration::of).orElse(null),
                                policy.remindEvery().isPresent() ? policy.maxReminders() : null),
                goals
                        ? null
                        : new ChainDefinition(
                                chain.enabled(),
                                null,
                                levels.isEmpty() ? null : levels,
                                JsonDuration.of(chain.reEscalateEvery()),
                                chain.maxReEscalations() == SlaPolicy.UNLIMITED ? null : chain.maxReEscalations()),
                policy.holdsPauseSla() ? null : Boolean.FALSE,
                policy.calendar().equals(BusinessCalendar.twentyFourSeven()) ? null : policy.calendar(),
                policy.sensitiveAttributes().isEmpty()
                        ? null
                        : List.copyOf(new java.util.TreeSet<>(policy.sensitiveAttributes())),
                policy.onChange() == PolicyChange.REPLAN ? null : PolicyAssembler.onChangeName(policy.onChange()),
                new AttentionDefinition(
                        policy.acknowledgeTimeout().map(JsonDuration::of).orElse(null),
                        policy.maxSnooze().map(JsonDuration::of).orElse(null)),
                single ? null : thresholds.stream().map(ThresholdDefinition::of).toList(),
                policy.relativeDeadline().map(CalendarJson::deadline).orElse(null),
                policy.calendarFrom().map(CalendarJson::calendarFrom).orElse(null),
                policy.goals().isEmpty()
                        ? null
                        : policy.goals().stream().map(PolicyDefinition::of).toList());
    }

    private static GoalDefinition of(Goal goal) {
        PolicyDefinition full = of(goal.schedule());
        PolicyDefinition schedule = new PolicyDefinition(
                goal.name(),
                null,
                full.sla(),
                full.warning(),
                full.reminders(),
                full.chain(),
                null,
                null,
                null,
                null,
                null,
                full.warnings(),
                full.deadline(),
                null,
                null);
        List<String> metBy =
                goal.metBy().stream().map(GoalEvents::jsonName).sorted().toList();
        return new GoalDefinition(goal.name(), metBy.isEmpty() ? null : metBy, schedule);
    }

    // Not List.copyOf: a null element must reach toPolicy(), which names it, rather than fail here.
    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
