package dev.escalation.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.escalation.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
 * and the full form, with ISO-8601 durations:
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
 * <p>Each duration may be given as an ISO-8601 string ({@code sla}) or as hours ({@code sla_hours});
 * giving both is an error. {@link #toPolicy()} applies the builder's validation, so a bad file fails
 * with the same messages as bad code. Absent fields are {@code null} here because this type mirrors
 * JSON; the policy it builds has no nulls.
 *
 * @param name             policy name; defaults to {@code stage_name}, then to {@code "default"}
 * @param workflowType     the workflow type this policy is registered for (optional)
 * @param stageName        the stage this policy is registered for (optional)
 * @param priority         the priority this policy is registered for (optional)
 * @param sla              SLA as ISO-8601 duration
 * @param slaHours         SLA in hours
 * @param warningEnabled   {@code false} for no warning; default true
 * @param warnBefore       warning window as ISO-8601 duration; default PT2H
 * @param warnBeforeHours  warning window in hours
 * @param warnAt           warning point as a fraction of the SLA
 * @param remindEvery      reminder interval as ISO-8601 duration
 * @param remindEveryHours reminder interval in hours
 * @param maxReminders     reminder cap; default 3 when reminders are on
 * @param escalationEnabled default true
 * @param escalationTo     shorthand for a single level at the deadline
 * @param levels           the escalation chain
 * @param reEscalateEvery  ISO-8601 duration; default PT24H
 * @param reEscalateEveryHours the same in hours
 * @param maxReEscalations cap on re-escalations; absent for unlimited
 * @param slaByPriority    SLA targets by priority as ISO-8601 durations
 * @param slaHoursByPriority the same in hours
 * @param pauseOnHold      whether holds stop the SLA clock; default true
 * @param calendar         the business calendar SLA time is counted on; default 24/7
 * @param sensitiveAttributes names of task attributes whose values must not appear in logs, notifications or audit details
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("workflow_type") String workflowType,
        @JsonProperty("stage_name") String stageName,
        @JsonProperty("priority") String priority,
        @JsonProperty("sla") String sla,
        @JsonProperty("sla_hours") Double slaHours,
        @JsonProperty("warning_enabled") Boolean warningEnabled,
        @JsonProperty("warn_before") String warnBefore,
        @JsonProperty("warn_before_hours") Double warnBeforeHours,
        @JsonProperty("warn_at") Double warnAt,
        @JsonProperty("remind_every") String remindEvery,
        @JsonProperty("remind_every_hours") Double remindEveryHours,
        @JsonProperty("max_reminders") Integer maxReminders,
        @JsonProperty("escalation_enabled") Boolean escalationEnabled,
        @JsonProperty("escalation_to") String escalationTo,
        @JsonProperty("levels") List<LevelDefinition> levels,
        @JsonProperty("re_escalate_every") String reEscalateEvery,
        @JsonProperty("re_escalate_every_hours") Double reEscalateEveryHours,
        @JsonProperty("max_re_escalations") Integer maxReEscalations,
        @JsonProperty("sla_by_priority") Map<String, String> slaByPriority,
        @JsonProperty("sla_hours_by_priority") Map<String, Double> slaHoursByPriority,
        @JsonProperty("pause_on_hold") Boolean pauseOnHold,
        @JsonProperty("calendar") BusinessCalendar calendar,
        @JsonProperty("sensitive_attributes") List<String> sensitiveAttributes) {

    /**
     * Copies the collections; validation waits for {@link #toPolicy()}, which names the bad field.
     *
     * @param name                 policy name; defaults to {@code stage_name}, then to {@code "default"}
     * @param workflowType         the workflow type this policy is registered for (optional)
     * @param stageName            the stage this policy is registered for (optional)
     * @param priority             the priority this policy is registered for (optional)
     * @param sla                  SLA as ISO-8601 duration
     * @param slaHours             SLA in hours
     * @param warningEnabled       {@code false} for no warning; default true
     * @param warnBefore           warning window as ISO-8601 duration; default PT2H
     * @param warnBeforeHours      warning window in hours
     * @param warnAt               warning point as a fraction of the SLA
     * @param remindEvery          reminder interval as ISO-8601 duration
     * @param remindEveryHours     reminder interval in hours
     * @param maxReminders         reminder cap; default 3 when reminders are on
     * @param escalationEnabled    default true
     * @param escalationTo         shorthand for a single level at the deadline
     * @param levels               the escalation chain
     * @param reEscalateEvery      ISO-8601 duration; default PT24H
     * @param reEscalateEveryHours the same in hours
     * @param maxReEscalations     cap on re-escalations; absent for unlimited
     * @param slaByPriority        SLA targets by priority as ISO-8601 durations
     * @param slaHoursByPriority   the same in hours
     * @param pauseOnHold          whether holds stop the SLA clock; default true
     * @param calendar             the business calendar SLA time is counted on; default 24/7
     * @param sensitiveAttributes  names of task attributes whose values must not appear in logs, notifications or audit details
     */
    @JsonCreator
    public PolicyDefinition {
        // Not List.copyOf: it throws a bare NullPointerException on a null level, before
        // toPolicy() can name it ("levels[0] must not be null").
        levels = levels == null ? null : Collections.unmodifiableList(new ArrayList<>(levels));
        slaByPriority = slaByPriority == null ? null : new LinkedHashMap<>(slaByPriority);
        slaHoursByPriority = slaHoursByPriority == null ? null : new LinkedHashMap<>(slaHoursByPriority);
        sensitiveAttributes =
                sensitiveAttributes == null ? null : Collections.unmodifiableList(new ArrayList<>(sensitiveAttributes));
    }

    /**
     * The seed's short form: a stage with an SLA in hours and one escalation target.
     *
     * @param stageName    the stage
     * @param slaHours     the SLA in hours
     * @param escalationTo the target of level 1, as {@link EscalationTarget#parse(String)} reads it
     * @return the definition
     */
    public static PolicyDefinition stage(String stageName, double slaHours, String escalationTo) {
        return new PolicyDefinition(
                null,
                null,
                stageName,
                null,
                null,
                slaHours,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                escalationTo,
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
     * One level of the chain in JSON.
     *
     * @param target     {@code "role:NAME"}, {@code "user:NAME"} or a role name
     * @param after      delay after the deadline, ISO-8601; default: the deadline for level 1, then {@code re_escalate_every} more per level
     * @param afterHours the same in hours
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LevelDefinition(
            @JsonProperty("target") String target,
            @JsonProperty("after") String after,
            @JsonProperty("after_hours") Double afterHours) {

        /**
         * Reads a level; validation waits for {@link PolicyDefinition#toPolicy()}.
         *
         * @param target     {@code "role:NAME"}, {@code "user:NAME"} or a role name
         * @param after      delay after the deadline, ISO-8601; default: the deadline for level 1, then {@code re_escalate_every} more per level
         * @param afterHours the same in hours
         */
        @JsonCreator
        public LevelDefinition {}
    }

    /**
     * The registry key this definition names; empty parts match anything.
     *
     * @return the key
     */
    public PolicyKey key() {
        return new PolicyKey(
                Optional.ofNullable(workflowType),
                Optional.ofNullable(stageName),
                Optional.ofNullable(priority),
                Optional.empty());
    }

    /**
     * Builds and validates the policy.
     *
     * @return the policy
     * @throws InvalidPolicyException naming the JSON field and value when the definition cannot work
     */
    public SlaPolicy toPolicy() {
        String policyName = name != null ? name : stageName != null ? stageName : "default";
        SlaPolicy.Builder builder = SlaPolicy.builder(policyName);
        duration(policyName, "sla", sla, slaHours).ifPresentOrElse(builder::sla, () -> {
            throw new InvalidPolicyException(
                    "policy '" + policyName + "': sla or sla_hours is required, but neither was given");
        });
        if (Boolean.FALSE.equals(warningEnabled)) {
            builder.noWarning();
        }
        duration(policyName, "warn_before", warnBefore, warnBeforeHours).ifPresent(builder::warnBefore);
        if (warnAt != null) {
            builder.warnAt(warnAt);
        }
        duration(policyName, "remind_every", remindEvery, remindEveryHours).ifPresent(builder::remindEvery);
        if (maxReminders != null) {
            builder.maxReminders(maxReminders);
        }
        if (escalationEnabled != null) {
            builder.escalationEnabled(escalationEnabled);
        }
        duration(policyName, "re_escalate_every", reEscalateEvery, reEscalateEveryHours)
                .ifPresent(builder::reEscalateEvery);
        if (maxReEscalations != null) {
            builder.maxReEscalations(maxReEscalations);
        }
        if (slaByPriority != null && slaHoursByPriority != null) {
            throw new InvalidPolicyException(
                    "policy '" + policyName + "': give sla_by_priority or sla_hours_by_priority, not both");
        }
        if (slaByPriority != null) {
            slaByPriority.forEach((priority, iso) -> builder.slaForPriority(
                    priority,
                    duration(policyName, "sla_by_priority." + priority, iso, null)
                            .orElseThrow(() -> new InvalidPolicyException(
                                    "policy '" + policyName + "': sla_by_priority." + priority
                                            + " must be an ISO-8601 duration such as PT24H, but was null"))));
        }
        if (slaHoursByPriority != null) {
            slaHoursByPriority.forEach((priority, hours) -> builder.slaForPriority(
                    priority,
                    duration(policyName, "sla_hours_by_priority." + priority, null, hours)
                            .orElseThrow(() ->
                                    new InvalidPolicyException("policy '" + policyName + "': sla_hours_by_priority."
                                            + priority + " must be a number of hours, but was null"))));
        }
        if (pauseOnHold != null) {
            builder.holdsPauseSla(pauseOnHold);
        }
        if (calendar != null) {
            builder.calendar(calendar);
        }
        if (sensitiveAttributes != null) {
            builder.sensitiveAttributes(sensitiveAttributes);
        }
        if (escalationTo != null && levels != null) {
            throw new InvalidPolicyException("policy '" + policyName + "': give escalation_to or levels, not both");
        }
        if (escalationTo != null) {
            builder.escalateTo(target(policyName, "escalation_to", escalationTo));
        }
        if (levels != null) {
            for (int i = 0; i < levels.size(); i++) {
                LevelDefinition level = levels.get(i);
                String field = "levels[" + i + "]";
                if (level == null) {
                    throw new InvalidPolicyException("policy '" + policyName + "': " + field + " must not be null");
                }
                EscalationTarget target = target(policyName, field + ".target", level.target());
                Optional<Duration> after = duration(policyName, field + ".after", level.after(), level.afterHours());
                after.ifPresentOrElse(delay -> builder.escalateTo(target, delay), () -> builder.escalateTo(target));
            }
        }
        return builder.build();
    }

    static PolicyDefinition of(SlaPolicy policy) {
        List<LevelDefinition> levels = policy.chain().stream()
                .map(level -> new LevelDefinition(
                        level.target().toString(), level.afterDeadline().toString(), null))
                .toList();
        return new PolicyDefinition(
                policy.name(),
                null,
                null,
                null,
                policy.sla().toString(),
                null,
                policy.warningEnabled() ? null : Boolean.FALSE,
                policy.warnBefore().map(Duration::toString).orElse(null),
                null,
                policy.warnAt().isPresent() ? policy.warnAt().getAsDouble() : null,
                policy.remindEvery().map(Duration::toString).orElse(null),
                null,
                policy.remindEvery().isPresent() ? policy.maxReminders() : null,
                policy.escalationEnabled(),
                null,
                levels.isEmpty() ? null : levels,
                policy.reEscalateEvery().toString(),
                null,
                policy.maxReEscalations() == SlaPolicy.UNLIMITED ? null : policy.maxReEscalations(),
                policy.slaByPriority().isEmpty() ? null : isoByPriority(policy),
                null,
                policy.holdsPauseSla() ? null : Boolean.FALSE,
                policy.calendar().equals(BusinessCalendar.twentyFourSeven()) ? null : policy.calendar(),
                policy.sensitiveAttributes().isEmpty() ? null : List.copyOf(policy.sensitiveAttributes()));
    }

    private static Map<String, String> isoByPriority(SlaPolicy policy) {
        Map<String, String> iso = new java.util.TreeMap<>();
        policy.slaByPriority().forEach((priority, sla) -> iso.put(priority, sla.toString()));
        return iso;
    }

    private static EscalationTarget target(String policy, String field, String text) {
        try {
            return EscalationTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("policy '" + policy + "': " + field + " is invalid: " + e.getMessage(), e);
        }
    }

    private static Optional<Duration> duration(String policy, String field, String iso, Double hours) {
        if (iso != null && hours != null) {
            throw new InvalidPolicyException(
                    "policy '" + policy + "': give " + field + " or " + field + "_hours, not both");
        }
        if (iso != null) {
            try {
                return Optional.of(Duration.parse(iso));
            } catch (DateTimeParseException e) {
                throw new InvalidPolicyException(
                        "policy '" + policy + "': " + field + " must be an ISO-8601 duration such as PT24H, but was '"
                                + iso + "'",
                        e);
            }
        }
        if (hours != null) {
            if (hours.isNaN() || hours.isInfinite() || Math.abs(hours) > 1_000_000) {
                throw new InvalidPolicyException("policy '" + policy + "': " + field
                        + "_hours must be a finite number of hours, but was " + hours);
            }
            return Optional.of(Duration.ofSeconds(Math.round(hours * 3600)));
        }
        return Optional.empty();
    }
}
