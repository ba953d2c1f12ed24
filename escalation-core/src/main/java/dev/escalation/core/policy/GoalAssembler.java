package dev.escalation.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a definition's {@code goals}, naming the JSON path and value of every fault: each goal's
 * schedule is assembled like a policy, on the policy's calendar (or the calendars of its {@code
 * calendar_from}, which the builder then carries into each goal) and hold rule, so its errors read
 * {@code $.goals[1].sla: must be positive, but was "PT0S"}.
 */
final class GoalAssembler {

    private GoalAssembler() {}

    /**
     * A policy with goals has no schedule of its own: its fields would be silently unused, so giving
     * one is an error. The policy's own SLA becomes its longest goal's (what a view of the policy that
     * knows no goals shows), without warning, reminders or chain.
     */
    static void withoutOwnSchedule(
            PolicyDefinition definition, JsonPath path, SlaPolicy.Builder builder, List<Goal> goals) {
        Map<String, Object> own = new java.util.LinkedHashMap<>();
        own.put("sla", definition.sla().target());
        own.put("sla_by_priority", definition.sla().byPriority());
        own.put("warning_enabled", definition.warning().enabled());
        own.put("warn_before", definition.warning().before());
        own.put("warn_at", definition.warning().at());
        own.put("remind_every", definition.reminders().every());
        own.put("max_reminders", definition.reminders().max());
        own.put("escalation_enabled", definition.chain().enabled());
        own.put("escalation_to", definition.chain().escalationTo());
        own.put("levels", definition.chain().levels());
        own.put("re_escalate_every", definition.chain().reEscalateEvery());
        own.put("max_re_escalations", definition.chain().maxReEscalations());
        own.forEach((field, value) -> {
            if (value != null) {
                Object shown = value instanceof JsonDuration d ? d.value() : value;
                throw JsonRule.NOT_BESIDE.at(path.field(field), shown, path.field("goals") + " (give it in each goal)");
            }
        });
        java.time.Duration longest = goals.stream()
                .map(goal -> goal.schedule().sla())
                .max(java.time.Duration::compareTo)
                .orElseThrow();
        builder.sla(longest).noWarning().escalationEnabled(false);
    }

    static List<Goal> goals(PolicyDefinition definition, JsonPath path) {
        List<PolicyDefinition.GoalDefinition> goals = definition.goals();
        List<Goal> built = new ArrayList<>();
        if (goals == null) {
            return built;
        }
        Map<String, JsonPath> seen = new HashMap<>();
        for (int i = 0; i < goals.size(); i++) {
            JsonPath at = path.field("goals").index(i);
            PolicyDefinition.GoalDefinition goal = goals.get(i);
            if (goal == null) {
                throw JsonRule.NOT_NULL.at(at, null);
            }
            if (goal.name() == null) {
                throw JsonRule.REQUIRED.naming(at.field("name"), "the goal's name, e.g. \"response\"");
            }
            if (!Goal.isValidName(goal.name())) {
                throw JsonRule.GOAL_NAME.at(at.field("name"), goal.name());
            }
            JsonPath before = seen.putIfAbsent(goal.name(), at.field("name"));
            if (before != null) {
                throw JsonRule.GOAL_TWICE.at(at.field("name"), goal.name(), before);
            }
            Set<GoalEvent> metBy = EnumSet.noneOf(GoalEvent.class);
            List<String> events = goal.metBy() == null ? List.of() : goal.metBy();
            for (int e = 0; e < events.size(); e++) {
                JsonPath eventAt = at.field("met_by").index(e);
                if (events.get(e) == null) {
                    throw JsonRule.NOT_NULL.at(eventAt, null);
                }
                metBy.add(GoalEvents.read(eventAt, events.get(e)));
            }
            PolicyDefinition schedule = goal.schedule();
            PolicyDefinition onPolicyClock = new PolicyDefinition(
                    goal.name(),
                    null,
                    schedule.sla(),
                    schedule.warning(),
                    schedule.reminders(),
                    schedule.chain(),
                    definition.pauseOnHold(),
                    definition.calendar(),
                    null,
                    null,
                    null,
                    schedule.warnings(),
                    schedule.deadline(),
                    null,
                    null);
            built.add(new Goal(
                    goal.name(),
                    new PolicyAssembler(onPolicyClock, at, Optional.empty(), definition, path).policy(),
                    metBy));
        }
        return built;
    }
}
