package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.PolicyDefinition.ChainDefinition;
import dev.escalation.core.policy.PolicyDefinition.LevelDefinition;
import dev.escalation.core.policy.PolicyDefinition.WarningDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the policy that a {@link PolicyDefinition} describes. It checks every value in the JSON's
 * own terms (the path, the value as written) before handing it to {@link SlaPolicy.Builder}, so a
 * file's author never meets a builder field or a Java {@link Duration} in a message. The checks are
 * the builder's, in the same order; the builder then has nothing left to reject.
 */
final class PolicyAssembler {

    private final PolicyDefinition definition;
    private final JsonPath path;
    private final CalendarJson calendarJson;

    PolicyAssembler(PolicyDefinition definition, JsonPath path) {
        this(definition, path, Optional.empty());
    }

    PolicyAssembler(PolicyDefinition definition, JsonPath path, Optional<CalendarResolver> resolver) {
        this(definition, path, resolver, definition, path);
    }

    /**
     * An assembler whose durations count on another definition's calendars: a goal's, on its policy's ({@code
     * owner}, written at {@code ownerPath}), whether one {@code calendar} or those of its {@code calendar_from}.
     */
    PolicyAssembler(
            PolicyDefinition definition,
            JsonPath path,
            Optional<CalendarResolver> resolver,
            PolicyDefinition owner,
            JsonPath ownerPath) {
        this.definition = definition;
        this.path = path;
        this.calendarJson = new CalendarJson(definition, path, resolver, owner, ownerPath);
    }

    SlaPolicy policy() {
        PolicyDefinition.Scope scope = definition.scope();
        notBlank("workflow_type", scope.workflowType());
        notBlank("stage_name", scope.stageName());
        notBlank("priority", scope.priority());
        if (definition.isDefault()) {
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("workflow_type", scope.workflowType());
            parts.put("stage_name", scope.stageName());
            parts.put("priority", scope.priority());
            parts.forEach((part, value) -> {
                if (value != null) {
                    throw JsonRule.NOT_BESIDE.at(path.field("default"), true, path.field(part));
                }
            });
        }
        String name = notBlank("name", definition.name());
        SlaPolicy.Builder builder =
                SlaPolicy.builder(name != null ? name : scope.stageName() != null ? scope.stageName() : "default");
        List<Goal> goals = GoalAssembler.goals(definition, path);
        if (goals.isEmpty()) {
            JsonDuration slaJson = definition.sla().target();
            boolean relative = calendarJson.deadline().isPresent();
            if (slaJson == null && !relative) {
                throw JsonRule.REQUIRED.naming(path.field("sla"), "sla or sla_hours");
            }
            Duration sla = slaJson == null ? null : slaJson.positive(durationPath("sla", slaJson));
            if (sla != null) {
                builder.sla(sla);
            }
            Map<String, Duration> byPriority = byPriority();
            byPriority.forEach(builder::slaForPriority);
            warning(builder, slaJson, sla, byPriority);
            reminders(builder);
            chain(builder);
        } else {
            GoalAssembler.withoutOwnSchedule(definition, path, builder, goals);
        }
        if (definition.pauseOnHold() != null) {
            builder.holdsPauseSla(definition.pauseOnHold());
        }
        if (goals.isEmpty()) {
            // A policy of goals has no durations of its own; each goal's were fitted when it was assembled.
            calendarJson.calendars().values().forEach(this::fitCalendar);
        }
        if (definition.calendar() != null) {
            builder.calendar(definition.calendar());
        }
        calendarJson.apply(builder);
        JsonDuration ackTimeout = definition.attention().acknowledgeTimeout();
        if (ackTimeout != null) {
            builder.acknowledgeTimeout(ackTimeout.positive(durationPath("acknowledge_timeout", ackTimeout)));
        }
        JsonDuration maxSnooze = definition.attention().maxSnooze();
        if (maxSnooze != null) {
            builder.maxSnooze(maxSnooze.positive(durationPath("max_snooze", maxSnooze)));
        }
        List<String> sensitive = definition.sensitiveAttributes();
        for (int i = 0; sensitive != null && i < sensitive.size(); i++) {
            builder.sensitiveAttributes(text(path.field("sensitive_attributes").index(i), sensitive.get(i)));
        }
        if (definition.onChange() != null) {
            builder.onChange(onChange(definition.onChange()));
        }
        goals.forEach(builder::goal);
        return builder.build();
    }

    /** The JSON name of {@code change}: {@code "replan"} or {@code "pin"}, the only spellings read. */
    static String onChangeName(PolicyChange change) {
        return change.name().toLowerCase(Locale.ROOT);
    }

    private PolicyChange onChange(String written) {
        for (PolicyChange change : PolicyChange.values()) {
            if (onChangeName(change).equals(written)) {
                return change;
            }
        }
        throw JsonRule.ON_CHANGE.at(path.field("on_change"), written);
    }

    private Map<String, Duration> byPriority() {
        Map<String, Duration> targets = new LinkedHashMap<>();
        Map<String, JsonDuration> given = definition.sla().byPriority();
        if (given == null) {
            return targets;
        }
        given.forEach((priority, target) -> {
            JsonPath at = path.field(
                            target != null && target.hoursField() ? "sla_hours_by_priority" : "sla_by_priority")
                    .field(priority);
            if (priority == null || priority.isBlank()) {
                throw JsonRule.PRIORITY.at(at);
            }
            if (target == null) {
                throw JsonRule.NOT_NULL.at(at, null);
            }
            targets.put(priority, target.positive(at));
        });
        return targets;
    }

    private void warning(
            SlaPolicy.Builder builder, JsonDuration slaJson, Duration sla, Map<String, Duration> byPriority) {
        if (definition.warnings() != null) {
            builder.warnings(new ThresholdAssembler(definition, path).thresholds(byPriority));
            return;
        }
        WarningDefinition warning = definition.warning();
        JsonPath beforePath = warning.before() == null ? null : durationPath("warn_before", warning.before());
        if (warning.before() != null && warning.at() != null) {
            throw JsonRule.NOT_BESIDE.at(beforePath, warning.before().value(), path.field("warn_at"));
        }
        Optional<Duration> before = Optional.ofNullable(warning.before()).map(b -> b.positive(beforePath));
        if (warning.at() != null) {
            builder.warnAt(fraction(warning.at()));
        }
        before.ifPresent(builder::warnBefore);
        if (Boolean.FALSE.equals(warning.enabled())) {
            builder.noWarning();
        } else if (warning.at() == null) {
            Duration window = before.orElse(SlaPolicy.DEFAULT_WARN_BEFORE);
            if (sla != null) {
                // A relative deadline has no length until a task has a start: a longer window warns at the start.
                shorterThan(window, sla, durationPath("sla", slaJson), beforePath, slaJson);
            }
            byPriority.forEach((priority, target) -> {
                JsonDuration given = definition.sla().byPriority().get(priority);
                JsonPath at = path.field(given.hoursField() ? "sla_hours_by_priority" : "sla_by_priority")
                        .field(priority);
                shorterThan(window, target, at, beforePath, given);
            });
        }
    }

    /** The warning window must end before the deadline: a window given, or the default one. */
    private void shorterThan(
            Duration window, Duration sla, JsonPath slaPath, JsonPath windowPath, JsonDuration slaJson) {
        if (window.compareTo(sla) < 0) {
            return;
        }
        if (windowPath == null) {
            throw JsonRule.LONGER_THAN_DEFAULT_WARNING.at(slaPath, slaJson.value());
        }
        throw JsonRule.SHORTER_THAN_SLA.at(
                windowPath, definition.warning().before().value(), slaPath);
    }

    private double fraction(BigDecimal at) {
        double fraction = at.doubleValue();
        if (!(fraction > 0 && fraction < 1)) {
            throw JsonRule.FRACTION.at(path.field("warn_at"), at);
        }
        return fraction;
    }

    private void reminders(SlaPolicy.Builder builder) {
        JsonDuration every = definition.reminders().every();
        if (every != null) {
            builder.remindEvery(every.positive(durationPath("remind_every", every)));
        }
        Integer max = definition.reminders().max();
        if (max != null) {
            builder.maxReminders(atMostMaxCount("max_reminders", count("max_reminders", max)));
        }
    }

    private void chain(SlaPolicy.Builder builder) {
        ChainDefinition chain = definition.chain();
        Duration reEscalateEvery = SlaPolicy.DEFAULT_RE_ESCALATE_EVERY;
        if (chain.reEscalateEvery() != null) {
            reEscalateEvery =
                    chain.reEscalateEvery().positive(durationPath("re_escalate_every", chain.reEscalateEvery()));
            builder.reEscalateEvery(reEscalateEvery);
        }
        if (chain.maxReEscalations() != null) {
            builder.maxReEscalations(
                    atMostMaxCount("max_re_escalations", count("max_re_escalations", chain.maxReEscalations())));
        }
        if (chain.enabled() != null) {
            builder.escalationEnabled(chain.enabled());
        }
        if (chain.escalationTo() != null && chain.levels() != null) {
            throw JsonRule.NOT_BESIDE.at(
                    path.field("levels"), DefinitionWriter.levels(chain.levels()), path.field("escalation_to"));
        }
        if (chain.escalationTo() != null) {
            builder.escalateTo(target(path.field("escalation_to"), chain.escalationTo()));
        }
        List<LevelDefinition> levels = chain.levels() == null ? List.of() : chain.levels();
        if (levels.size() > SlaPolicy.MAX_COUNT) {
            throw JsonRule.LEVELS_AT_MOST.at(path.field("levels"), levels.size());
        }
        List<EscalationTarget> targets = new ArrayList<>();
        List<Optional<Duration>> delays = new ArrayList<>();
        List<JsonPath> delayPaths = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            JsonPath at = path.field("levels").index(i);
            LevelDefinition level = levels.get(i);
            if (level == null) {
                throw JsonRule.NOT_NULL.at(at, null);
            }
            if (level.target() == null) {
                throw JsonRule.REQUIRED.naming(at.field("target"), "a user:NAME, role:NAME or role name");
            }
            targets.add(target(at.field("target"), level.target()));
            JsonDuration after = level.after();
            JsonPath afterPath = after == null ? null : at.field(after.hoursField() ? "after_hours" : "after");
            delays.add(Optional.ofNullable(after).map(a -> a.notNegative(afterPath)));
            delayPaths.add(afterPath);
        }
        Chain.number(
                targets,
                delays,
                reEscalateEvery,
                (level, previous, after) -> JsonRule.LATER_THAN_LEVEL_BEFORE.at(
                        delayPaths.get(level - 1), levels.get(level - 1).after().value()));
        for (int i = 0; i < targets.size(); i++) {
            EscalationTarget target = targets.get(i);
            delays.get(i).ifPresentOrElse(delay -> builder.escalateTo(target, delay), () -> builder.escalateTo(target));
        }
        if (!Boolean.FALSE.equals(chain.enabled()) && chain.escalationTo() == null && levels.isEmpty()) {
            throw chain.levels() == null
                    ? JsonRule.NEEDS_A_LEVEL.at(path.field("levels"))
                    : JsonRule.NEEDS_A_LEVEL.at(path.field("levels"), DefinitionWriter.levels(chain.levels()));
        }
    }

    private EscalationTarget target(JsonPath at, String text) {
        if (text.isBlank()) {
            throw JsonRule.NOT_BLANK.at(at, text);
        }
        try {
            return EscalationTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw JsonRule.TARGET.at(at, text);
        }
    }

    private int count(String field, int value) {
        if (value < 0) {
            throw JsonRule.NOT_NEGATIVE.at(path.field(field), value);
        }
        return value;
    }

    /** In JSON a policy without a cap leaves {@code max_re_escalations} out; there is no unlimited number to write. */
    private int atMostMaxCount(String field, int value) {
        if (value > SlaPolicy.MAX_COUNT) {
            throw JsonRule.COUNT_AT_MOST.at(path.field(field), value);
        }
        return value;
    }

    /**
     * Each duration must fit the calendar (see {@link SlaPolicy#MAX_CALENDAR_WEEKS}); the SLA counts
     * with the last level's delay, as the builder checks it, and is named by its own field.
     */
    private void fitCalendar(BusinessCalendar calendar) {
        String perWeek = calendar.workingTimePerWeek().toString();
        JsonDuration slaJson = definition.sla().target();
        Duration sla = slaJson == null ? Duration.ZERO : slaJson.positive(durationPath("sla", slaJson));
        Duration lastDelay = Duration.ZERO;
        List<LevelDefinition> levels = definition.chain().levels();
        if (levels != null && !levels.isEmpty() && levels.get(levels.size() - 1).after() != null) {
            LevelDefinition last = levels.get(levels.size() - 1);
            lastDelay = last.after()
                    .notNegative(path.field("levels")
                            .index(levels.size() - 1)
                            .field(last.after().hoursField() ? "after_hours" : "after"));
        }
        if (slaJson != null) {
            checkWeeks(durationPath("sla", slaJson), slaJson, sla.plus(lastDelay), calendar, perWeek);
        }
        JsonDuration every = definition.reminders().every();
        if (every != null) {
            JsonPath at = durationPath("remind_every", every);
            checkWeeks(at, every, every.positive(at), calendar, perWeek);
        }
        JsonDuration reEvery = definition.chain().reEscalateEvery();
        if (reEvery != null) {
            JsonPath at = durationPath("re_escalate_every", reEvery);
            checkWeeks(at, reEvery, reEvery.positive(at), calendar, perWeek);
        }
    }

    private static void checkWeeks(
            JsonPath at, JsonDuration written, Duration value, BusinessCalendar calendar, String perWeek) {
        if (Checks.calendarWeeks(value, calendar) > SlaPolicy.MAX_CALENDAR_WEEKS) {
            throw JsonRule.CALENDAR_WEEKS.at(at, written.value(), perWeek);
        }
    }

    private String notBlank(String field, String value) {
        if (value != null && value.isBlank()) {
            throw JsonRule.NOT_BLANK.at(path.field(field), value);
        }
        return value;
    }

    private String text(JsonPath at, String value) {
        if (value == null) {
            throw JsonRule.NOT_NULL.at(at, null);
        }
        if (value.isBlank()) {
            throw JsonRule.NOT_BLANK.at(at, value);
        }
        return value;
    }

    private JsonPath durationPath(String field, JsonDuration duration) {
        return path.field(duration.hoursField() ? field + "_hours" : field);
    }
}
